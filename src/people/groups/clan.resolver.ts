import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { governsUnit } from '../../core/actor';
import { Role } from '../../core/roles';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { registerNode } from '../../graphql/node-registry';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { runMutation } from '../../graphql/user-error';
import { todayInVietnam } from '../../core/time';
import { mayReadCitizen } from '../citizens/citizen-access';
import type { Citizen } from '../citizens/citizen.entity';
import { citizenById } from '../citizens/citizen.loaders';
import { CitizenType } from '../citizens/citizen.types';
import { Clan, type ClanMembership } from './clan.entity';
import {
  AddClanHouseholdInput,
  ClanConnection,
  ClanHouseholdConnection,
  ClanHouseholdType,
  ClanPayload,
  ClanType,
  CreateClanInput,
  EndClanMembershipInput,
  GroupFilter,
  HouseholdType,
  UpdateClanInput,
} from './groups.types';
import type { Household } from './household.entity';
import { readableHouseholds } from './household.resolver';
import { idConnection } from '../../graphql/id-connection';
import { clanById, clanHouseholds } from '../people.loaders';
import { groupMembershipConnection } from './group-members.loaders';

/** Clans are readable by assessors of their unit and province admins. */
async function readableClans(ctx: RequestContext, ids: readonly string[]): Promise<(Clan | null)[]> {
  const clans = await clanById(ctx).loadMany(ids);
  return clans.map((clan) => (clan instanceof Clan && governsUnit(ctx.actor, clan.unit.path) ? clan : null));
}

registerNode('Clan', Clan, readableClans);

function payload(outcome: { result: Clan | null; errors: ClanPayload['errors'] }): ClanPayload {
  return { clan: outcome.result, errors: outcome.errors };
}

@Resolver(() => ClanType)
export class ClanResolver {
  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Query(() => ClanConnection, { description: 'Clans of your area (province admins: all), by name.' })
  async clans(@Arg('filter', () => GroupFilter, { nullable: true }) filter: GroupFilter | null, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Clan>> {
    const query = await ctx.services.groupLists.toQuery(ctx, 'clan', { unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null });
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'clans:NAME',
      fetch: (seek) => ctx.services.groupLists.find(ctx, query, seek),
      count: () => ctx.services.groupLists.count(ctx, query),
      load: (ids) => clanById(ctx).loadMany(ids),
    });
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => ClanPayload, { description: 'Registers a clan with a unit of your area.' })
  async createClan(@Arg('input') input: CreateClanInput, @Ctx() ctx: RequestContext): Promise<ClanPayload> {
    return payload(
      await runMutation(ctx, (tx) =>
        ctx.services.clans.create(tx, idOf('AdministrativeUnit', input.unitId), {
          name: input.name,
          representativeId: input.representativeId ? idOf('Citizen', input.representativeId) : null,
        }),
      ),
    );
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => ClanPayload, { description: 'Renames a clan of your area or changes its representative.' })
  async updateClan(@Arg('input') input: UpdateClanInput, @Ctx() ctx: RequestContext): Promise<ClanPayload> {
    const representativeId = input.representativeId === undefined ? undefined : input.representativeId && idOf('Citizen', input.representativeId);
    return payload(await runMutation(ctx, (tx) => ctx.services.clans.update(tx, idOf('Clan', input.id), { name: input.name, representativeId })));
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => ClanPayload, { description: 'A household of your area joins a clan of your area.' })
  async addClanHousehold(@Arg('input') input: AddClanHouseholdInput, @Ctx() ctx: RequestContext): Promise<ClanPayload> {
    return payload(
      await runMutation(ctx, async (tx) => {
        const membership = await ctx.services.clans.addHousehold(tx, idOf('Clan', input.clanId), idOf('Household', input.householdId), input.validFrom);
        return membership.clan;
      }),
    );
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => ClanPayload, { description: 'A household leaves a clan of your area.' })
  async endClanMembership(@Arg('input') input: EndClanMembershipInput, @Ctx() ctx: RequestContext): Promise<ClanPayload> {
    return payload(
      await runMutation(ctx, async (tx) => {
        const membership = await ctx.services.clans.endHousehold(tx, idOf('Clan', input.clanId), idOf('Household', input.householdId), input.validTo);
        return membership.clan;
      }),
    );
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'The unit the clan is registered with.' })
  async unit(@Root() clan: Clan, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(clan.unit.id);
  }

  @FieldResolver(() => CitizenType, { nullable: true, description: 'The representative, when you may read their profile.' })
  async representative(@Root() clan: Clan, @Ctx() ctx: RequestContext): Promise<Citizen | null> {
    const citizen = clan.representative ? await citizenById(ctx).load(clan.representative.id) : null;
    return citizen && mayReadCitizen(ctx.actor, citizen) ? citizen : null;
  }

  @FieldResolver(() => ClanHouseholdConnection, { nullable: true, description: 'The member households on a day (today by default), by name; null unless you may read the clan.' })
  async memberships(
    @Root() clan: Clan,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default. Use 31 December for a year.' }) validOn: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<ClanMembership> | null> {
    const [readable] = await readableClans(ctx, [clan.id]);
    if (!readable) return null;
    return groupMembershipConnection(ctx, 'clan households', clan.id, validOn ?? todayInVietnam(ctx.now), page);
  }

  @FieldResolver(() => [ClanHouseholdType], {
    description: 'The member households on a day (today by default), by name.',
    deprecationReason: 'Use memberships: a connection, paged forward and backward like every list of the schema (Organisation.members).',
    complexity: ({ childComplexity }) => 1 + 20 * childComplexity,
  })
  async households(
    @Root() clan: Clan,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default. Use 31 December for a year.' }) validOn: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClanMembership[]> {
    const [readable] = await readableClans(ctx, [clan.id]);
    return readable ? clanHouseholds(ctx, validOn ?? todayInVietnam(ctx.now)).load(clan.id) : [];
  }
}

@Resolver(() => ClanHouseholdType)
export class ClanHouseholdResolver {
  @FieldResolver(() => HouseholdType, { nullable: true, description: 'The household, when you may read it.' })
  async household(@Root() membership: ClanMembership, @Ctx() ctx: RequestContext): Promise<Household | null> {
    const [household] = await readableHouseholds(ctx, [membership.household.id]);
    return household ?? null;
  }
}
