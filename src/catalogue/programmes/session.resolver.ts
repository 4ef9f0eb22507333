import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { orNull } from '../../core/loaders';
import { registerNode } from '../../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { Role } from '../../core/roles';
import type { Institution } from '../institutions/institution.entity';
import { institutionById } from '../institutions/institution.loaders';
import { metresToKm } from '../institutions/institution.resolver';
import { InstitutionType } from '../institutions/institution.types';
import type { Programme } from './programme.entity';
import { programmeById, sessionById } from './programme.loaders';
import { ProgrammeSessionConnection, ProgrammeSessionType, ProgrammeType, ScheduleSessionsPayload, SessionPayload } from './programme.types';
import { CancelSessionInput, ScheduleSessionsInput, SessionFilter, SessionOrder, UpdateSessionInput } from './session-input.types';
import { ProgrammeSession } from './session.entity';

registerNode('ProgrammeSession', ProgrammeSession, async (ctx, ids) => {
  const sessions = orNull(await sessionById(ctx).loadMany(ids));
  // Only sessions that exist: a placeholder id would fail the whole batch, hiding the sessions found.
  const programmes = await Promise.all(sessions.map((session) => (session ? programmeById(ctx).load(session.programme.id) : null)));
  return sessions.map((session, index) => {
    const programme = programmes[index];
    return session && programme && ctx.services.programmes.canSee(ctx, programme) ? session : null;
  });
});

@Resolver(() => ProgrammeSessionType)
export class SessionResolver {
  @Query(() => ProgrammeSessionConnection, { description: 'Find sessions: by area, institution, programme, kind, topic, format, dates, free text, or near a point. No sign-in needed.' })
  async sessions(
    @Arg('filter', () => SessionFilter, { nullable: true }) filter: SessionFilter | null,
    @Arg('orderBy', () => SessionOrder, { nullable: true, description: 'Order; START_TIME by default.' }) orderBy: SessionOrder | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<ProgrammeSession>> {
    const query = await ctx.services.sessions.toQuery(
      ctx,
      {
        ...filter,
        unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null,
        institutionId: filter?.institutionId ? idOf('Institution', filter.institutionId) : null,
        programmeId: filter?.programmeId ? idOf('Programme', filter.programmeId) : null,
      },
      orderBy,
    );
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `sessions:${query.sort}`,
      fetch: (seek) => ctx.services.sessions.find(ctx, query, seek),
      keyOf: (row) => [row.sortKey, row.session.id],
      edge: (row, cursor) => ({ cursor, node: row.session, distanceKm: metresToKm(row.distanceMetres) }),
      count: () => ctx.services.sessions.count(ctx, query),
    });
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => ScheduleSessionsPayload, { description: 'Schedules a session of a programme, or a weekly or monthly series of them.' })
  async scheduleSessions(@Arg('input') input: ScheduleSessionsInput, @Ctx() ctx: RequestContext): Promise<ScheduleSessionsPayload> {
    const { programmeId, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.sessions.schedule(tx, idOf('Programme', programmeId), fields));
    return { sessions: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => SessionPayload, { description: 'Changes a session.' })
  async updateSession(@Arg('input') input: UpdateSessionInput, @Ctx() ctx: RequestContext): Promise<SessionPayload> {
    const { id, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.sessions.update(tx, idOf('ProgrammeSession', id), fields));
    return { session: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => SessionPayload, { description: 'Cancels a session.' })
  async cancelSession(@Arg('input') input: CancelSessionInput, @Ctx() ctx: RequestContext): Promise<SessionPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.sessions.cancel(tx, idOf('ProgrammeSession', input.id)));
    return { session: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): string {
    return labelOf('SessionStatus', session.status, ctx.locale);
  }

  @FieldResolver(() => ProgrammeType, { description: 'The programme it belongs to.' })
  async programme(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): Promise<Programme | null> {
    return programmeById(ctx).load(session.programme.id);
  }

  @FieldResolver(() => InstitutionType, { description: 'The institution that holds it.' })
  async institution(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): Promise<Institution | null> {
    return institutionById(ctx).load(session.institution.id);
  }
}
