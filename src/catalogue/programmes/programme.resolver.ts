import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { registerNode } from '../../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { Role } from '../../core/roles';
import { Institution } from '../institutions/institution.entity';
import { institutionById } from '../institutions/institution.loaders';
import { InstitutionType } from '../institutions/institution.types';
import { metresToKm } from '../institutions/institution.resolver';
import { Programme } from './programme.entity';
import { programmeById, sessionCountOfParent, sessionsOfParent } from './programme.loaders';
import { CancelProgrammeInput, CreateProgrammeInput, ProgrammeFilter, ProgrammeOrder, PublishProgrammeInput, UpdateProgrammeInput } from './programme-input.types';
import { ProgrammeConnection, ProgrammePayload, ProgrammeSessionConnection, ProgrammeType } from './programme.types';
import type { ProgrammeSession } from './session.entity';

registerNode('Programme', Programme, async (ctx, ids) => {
  const programmes = await programmeById(ctx).loadMany(ids);
  return programmes.map((programme) => (programme instanceof Programme && ctx.services.programmes.canSee(ctx, programme) ? programme : null));
});

@Resolver(() => ProgrammeType)
export class ProgrammeResolver {
  @Query(() => ProgrammeConnection, { description: 'Find programmes: by area, institution, kind, topic, format, free text, or near a point. No sign-in needed.' })
  async programmes(
    @Arg('filter', () => ProgrammeFilter, { nullable: true }) filter: ProgrammeFilter | null,
    @Arg('orderBy', () => ProgrammeOrder, { nullable: true, description: 'Order; see ProgrammeOrder for the default.' }) orderBy: ProgrammeOrder | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Programme>> {
    const query = await ctx.services.programmes.toQuery(
      ctx,
      {
        ...filter,
        unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null,
        institutionId: filter?.institutionId ? idOf('Institution', filter.institutionId) : null,
      },
      orderBy,
    );
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `programmes:${query.sort}`,
      fetch: (seek) => ctx.services.programmes.find(ctx, query, seek),
      keyOf: (row) => [row.sortKey, row.programme.id],
      edge: (row, cursor) => ({ cursor, node: row.programme, distanceKm: metresToKm(row.distanceMetres) }),
      count: () => ctx.services.programmes.count(ctx, query),
    });
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => ProgrammePayload, { description: 'Creates a draft programme of your institution.' })
  async createProgramme(@Arg('input') input: CreateProgrammeInput, @Ctx() ctx: RequestContext): Promise<ProgrammePayload> {
    const { institutionId, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.programmes.create(tx, idOf('Institution', institutionId), fields));
    return { programme: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => ProgrammePayload, { description: 'Changes a programme of your institution.' })
  async updateProgramme(@Arg('input') input: UpdateProgrammeInput, @Ctx() ctx: RequestContext): Promise<ProgrammePayload> {
    const { id, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.programmes.update(tx, idOf('Programme', id), fields));
    return { programme: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => ProgrammePayload, { description: 'Publishes a draft programme: everyone can then find it.' })
  async publishProgramme(@Arg('input') input: PublishProgrammeInput, @Ctx() ctx: RequestContext): Promise<ProgrammePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.programmes.publish(tx, idOf('Programme', input.id)));
    return { programme: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => ProgrammePayload, { description: 'Cancels a programme and all its sessions that have not started.' })
  async cancelProgramme(@Arg('input') input: CancelProgrammeInput, @Ctx() ctx: RequestContext): Promise<ProgrammePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.programmes.cancel(tx, idOf('Programme', input.id), input.reason));
    return { programme: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The kind, in the language of the request.' })
  kindLabel(@Root() programme: Programme, @Ctx() ctx: RequestContext): string {
    return labelOf('ProgrammeKind', programme.kind, ctx.locale);
  }

  @FieldResolver(() => [String], { description: 'The topics, in the language of the request.' })
  topicLabels(@Root() programme: Programme, @Ctx() ctx: RequestContext): string[] {
    return programme.topics.map((topic) => labelOf('Topic', topic, ctx.locale));
  }

  @FieldResolver(() => String, { description: 'The format, in the language of the request.' })
  formatLabel(@Root() programme: Programme, @Ctx() ctx: RequestContext): string {
    return labelOf('ProgrammeFormat', programme.format, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() programme: Programme, @Ctx() ctx: RequestContext): string {
    return labelOf('ProgrammeStatus', programme.status, ctx.locale);
  }

  @FieldResolver(() => InstitutionType, { description: 'The institution that offers it.' })
  async institution(@Root() programme: Programme, @Ctx() ctx: RequestContext): Promise<Institution | null> {
    return institutionById(ctx).load(programme.institution.id);
  }

  @FieldResolver(() => ProgrammeSessionConnection, { description: 'Its sessions, soonest first; by default those not yet ended.' })
  async sessions(
    @Root() programme: Programme,
    @Arg('includePast', { defaultValue: false, description: 'Also sessions that have ended.' }) includePast: boolean,
    @Arg('includeCancelled', { defaultValue: false, description: 'Also cancelled sessions.' }) includeCancelled: boolean,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<ProgrammeSession>> {
    const options = {
      parentColumn: 'programme_id' as const,
      from: includePast ? new Date(0) : ctx.now,
      includeCancelled,
      publishedOnly: false,
    };
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `programme.sessions:${includePast}:${includeCancelled}`,
      fetch: (seek) => sessionsOfParent(ctx, options, seek).load(programme.id),
      keyOf: (row) => [row.startsAt.toISOString(), row.session.id],
      edge: (row, cursor) => ({ cursor, node: row.session, distanceKm: null }),
      count: () => sessionCountOfParent(ctx, options).load(programme.id),
    });
  }
}
