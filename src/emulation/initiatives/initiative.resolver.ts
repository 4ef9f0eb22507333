import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Body } from '../../bodies/body.entity';
import { bodyById } from '../../bodies/body.loaders';
import { BodyType } from '../../bodies/body.types';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { YearArg } from '../../graphql/year';
import { idConnection } from '../../graphql/id-connection';
import { registerNode } from '../../graphql/node-registry';
import { PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { keysetPage, sortValue } from '../../infra/keyset';
import { Initiative } from './initiative.entity';
import { initiativeOwnerNameByKey } from './initiative.loaders';
import { InitiativeConnection, InitiativeCountsType, InitiativePayload, InitiativeType, RecogniseInitiativeInput, RecordInitiativeInput } from './initiative.types';

registerNode('Initiative', Initiative, (ctx, ids) => ctx.em.find(Initiative, { id: { $in: [...ids] } }).then((rows) => ids.map((id) => rows.find((row) => row.id === id) ?? null)));

const WITHIN = 'from initiative i join administrative_unit u on u.id = i.unit_id where u.path like ? and (?::int is null or extract(year from i.period_to) = ?::int)';

@Resolver(() => InitiativeType)
export class InitiativeResolver {
  @Query(() => InitiativeConnection, { description: 'Initiatives of bodies and organisations within a unit, whose period ends in the year when given; latest end first.' })
  async initiatives(
    @Arg('unitId', () => ID, { description: 'Owners within this unit or under it.' }) unitId: string,
    @YearArg('Year the period ends', { nullable: true }) year: number | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Initiative>> {
    const unit = await ctx.em.findOneOrFail(AdministrativeUnit, { id: idOf('AdministrativeUnit', unitId) });
    const params = [`${unit.path}%`, year, year];
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'initiatives:END',
      fetch: async (seek) =>
        (await keysetPage<{ id: string; sort_key: unknown }>(ctx.em, { inner: `select i.id, i.period_to::text as sort_key ${WITHIN}`, params, spec: { expr: 't.sort_key', direction: 'desc', cast: 'text' }, seek })).map(
          (row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }),
        ),
      count: async () => Number((await ctx.em.execute<{ count: string }[]>(`select count(*) ${WITHIN}`, params))[0]?.count ?? 0),
      load: async (ids) => {
        const rows = await ctx.em.find(Initiative, { id: { $in: ids } });
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      },
    });
  }

  @Query(() => InitiativeCountsType, { description: 'How many initiatives of a unit (and under it) end in a year, and how many are recognised.' })
  async initiativeCounts(@Arg('unitId', () => ID, { description: 'The unit.' }) unitId: string, @YearArg('The year') year: number, @Ctx() ctx: RequestContext): Promise<InitiativeCountsType> {
    const unit = await ctx.em.findOneOrFail(AdministrativeUnit, { id: idOf('AdministrativeUnit', unitId) });
    return ctx.services.emulation.initiatives.countsOf(ctx, unit.path, year);
  }

  @Authorized()
  @Mutation(() => InitiativePayload, { description: "Records an initiative of a body you act for, or of an organisation of your area (assessors)." })
  async recordInitiative(@Arg('input') input: RecordInitiativeInput, @Ctx() ctx: RequestContext): Promise<InitiativePayload> {
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.emulation.initiatives.record(tx, {
        ...input,
        ownerBodyId: input.ownerBodyId ? idOf('Body', input.ownerBodyId) : null,
        ownerOrganisationId: input.ownerOrganisationId ? idOf('Organisation', input.ownerOrganisationId) : null,
        evidenceKeys: input.evidenceKeys ?? null,
      }),
    );
    return { initiative: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => InitiativePayload, { description: "Records the emulation council's decision recognising an initiative (assessors of its area)." })
  async recogniseInitiative(@Arg('input') input: RecogniseInitiativeInput, @Ctx() ctx: RequestContext): Promise<InitiativePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.emulation.initiatives.recognise(tx, idOf('Initiative', input.id), input));
    return { initiative: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => BodyType, { nullable: true, description: 'The owning body, when a body owns it.' })
  ownerBody(@Root() initiative: Initiative, @Ctx() ctx: RequestContext): Promise<Body | null> | null {
    return initiative.ownerBody ? bodyById(ctx).load(initiative.ownerBody.id) : null;
  }

  @FieldResolver(() => String, { description: "The owner's name (a body or an organisation)." })
  ownerName(@Root() initiative: Initiative, @Ctx() ctx: RequestContext): Promise<string> {
    return initiativeOwnerNameByKey(ctx).load(initiative.ownerBody ? `BODY:${initiative.ownerBody.id}` : `ORGANISATION:${initiative.ownerOrganisation?.id ?? ''}`);
  }
}
