import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../core/roles';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { registerNode } from '../../graphql/node-registry';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { runMutation } from '../../graphql/user-error';
import { todayInVietnam } from '../../core/time';
import { mayReadCitizen, mayReadHousehold } from '../citizens/citizen-access';
import type { Citizen } from '../citizens/citizen.entity';
import { citizenById } from '../citizens/citizen.loaders';
import { CitizenType } from '../citizens/citizen.types';
import {
  AddHouseholdMemberInput,
  CreateHouseholdInput,
  EndHouseholdMembershipInput,
  GroupFilter,
  HouseholdConnection,
  HouseholdMemberConnection,
  HouseholdMemberType,
  HouseholdPayload,
  HouseholdType,
  UpdateHouseholdInput,
} from './groups.types';
import { Household, type HouseholdMembership } from './household.entity';
import { idConnection } from '../../graphql/id-connection';
import { HouseholdRole } from '../people.enums';
import { householdById, householdMembers, viewerHouseholdIds } from '../people.loaders';
import { groupMembershipConnection } from './group-members.loaders';

/** The households of `ids` the actor may read, null for the others. */
export async function readableHouseholds(ctx: RequestContext, ids: readonly string[]): Promise<(Household | null)[]> {
  const [households, mine] = await Promise.all([householdById(ctx).loadMany(ids), viewerHouseholdIds(ctx)]);
  return households.map((household) => (household instanceof Household && mayReadHousehold(ctx.actor, household, mine) ? household : null));
}

registerNode('Household', Household, readableHouseholds);

function payload(outcome: { result: Household | null; errors: HouseholdPayload['errors'] }): HouseholdPayload {
  return { household: outcome.result, errors: outcome.errors };
}

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @Query(() => HouseholdType, { nullable: true, description: 'A household you may read: your own, or one of your area; null otherwise.' })
  async household(@Arg('id', () => ID, { description: 'The household.' }) id: string, @Ctx() ctx: RequestContext): Promise<Household | null> {
    const [household] = await readableHouseholds(ctx, [idOf('Household', id)]);
    return household ?? null;
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Query(() => HouseholdConnection, { description: 'Households of your area (province admins: all), by name.' })
  async households(@Arg('filter', () => GroupFilter, { nullable: true }) filter: GroupFilter | null, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Household>> {
    const query = await ctx.services.groupLists.toQuery(ctx, 'household', { unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null });
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'households:NAME',
      fetch: (seek) => ctx.services.groupLists.find(ctx, query, seek),
      count: () => ctx.services.groupLists.count(ctx, query),
      load: (ids) => householdById(ctx).loadMany(ids),
    });
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => HouseholdPayload, { description: 'Creates a household in a hamlet of your area; its head moves into it.' })
  async createHousehold(@Arg('input') input: CreateHouseholdInput, @Ctx() ctx: RequestContext): Promise<HouseholdPayload> {
    return payload(
      await runMutation(ctx, (tx) =>
        ctx.services.households.create(tx, { ...input, hamletId: idOf('AdministrativeUnit', input.hamletId), headId: idOf('Citizen', input.headId) }),
      ),
    );
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => HouseholdPayload, { description: 'Renames a household of your area or makes a current member its head.' })
  async updateHousehold(@Arg('input') input: UpdateHouseholdInput, @Ctx() ctx: RequestContext): Promise<HouseholdPayload> {
    const id = idOf('Household', input.id);
    return payload(
      await runMutation(ctx, async (tx) => {
        let household = input.name !== undefined ? await ctx.services.households.rename(tx, id, input.name) : await ctx.services.households.getManaged(tx, id);
        if (input.headId) household = await ctx.services.households.setHead(tx, id, idOf('Citizen', input.headId));
        return household;
      }),
    );
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => HouseholdPayload, { description: 'A citizen moves into a household of your area; their previous household membership ends the day before.' })
  async addHouseholdMember(@Arg('input') input: AddHouseholdMemberInput, @Ctx() ctx: RequestContext): Promise<HouseholdPayload> {
    return payload(
      await runMutation(ctx, async (tx) => {
        const membership = await ctx.services.households.addMember(tx, idOf('Household', input.householdId), idOf('Citizen', input.citizenId), input.validFrom);
        return membership.household;
      }),
    );
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => HouseholdPayload, { description: 'A member leaves a household of your area (the head must be replaced first).' })
  async endHouseholdMembership(@Arg('input') input: EndHouseholdMembershipInput, @Ctx() ctx: RequestContext): Promise<HouseholdPayload> {
    return payload(
      await runMutation(ctx, async (tx) => {
        const membership = await ctx.services.households.endMember(tx, idOf('Household', input.householdId), idOf('Citizen', input.citizenId), input.validTo);
        return membership.household;
      }),
    );
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'The hamlet: the household’s address.' })
  async hamlet(@Root() household: Household, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(household.hamlet.id);
  }

  @FieldResolver(() => String, { description: 'The head’s full name.' })
  async headName(@Root() household: Household, @Ctx() ctx: RequestContext): Promise<string> {
    const head = await citizenById(ctx).load(household.head.id);
    return head?.fullName ?? '';
  }

  @FieldResolver(() => CitizenType, { nullable: true, description: 'The head’s profile, for those who may read it (themselves, assessors); null for other members.' })
  async head(@Root() household: Household, @Ctx() ctx: RequestContext): Promise<Citizen | null> {
    const head = await citizenById(ctx).load(household.head.id);
    return head && mayReadCitizen(ctx.actor, head) ? head : null;
  }

  @FieldResolver(() => HouseholdMemberConnection, {
    nullable: true,
    description: 'Who lives in the household on a day (today by default), the head first then by name; null unless you may read the household.',
  })
  async memberships(
    @Root() household: Household,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default. Use 31 December for a year.' }) validOn: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<HouseholdMembership> | null> {
    const [readable] = await readableHouseholds(ctx, [household.id]);
    if (!readable) return null;
    return groupMembershipConnection(ctx, 'household members', household.id, validOn ?? todayInVietnam(ctx.now), page);
  }

  @FieldResolver(() => [HouseholdMemberType], {
    description: 'Who lives in the household on a day (today by default), the head first.',
    deprecationReason: 'Use memberships: a connection, paged forward and backward like every list of the schema (Organisation.members).',
    complexity: ({ childComplexity }) => 1 + 10 * childComplexity,
  })
  async members(
    @Root() household: Household,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default. Use 31 December for a year.' }) validOn: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<HouseholdMembership[]> {
    const [readable] = await readableHouseholds(ctx, [household.id]);
    return readable ? householdMembers(ctx, validOn ?? todayInVietnam(ctx.now)).load(household.id) : [];
  }
}

@Resolver(() => HouseholdMemberType)
export class HouseholdMemberResolver {
  @FieldResolver(() => HouseholdRole, { description: 'Head or member.' })
  role(@Root() membership: HouseholdMembership): HouseholdRole {
    return membership.household.head.id === membership.citizen.id ? HouseholdRole.HEAD : HouseholdRole.MEMBER;
  }

  @FieldResolver(() => String, { description: 'The role, in the language of the request.' })
  roleLabel(@Root() membership: HouseholdMembership, @Ctx() ctx: RequestContext): string {
    return labelOf('HouseholdRole', this.role(membership), ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The member’s full name.' })
  fullName(@Root() membership: HouseholdMembership): string {
    return membership.citizen.fullName;
  }

  @FieldResolver(() => CitizenType, { nullable: true, description: 'The member’s profile, for those who may read it (the member, assessors of their unit); null for other members.' })
  citizen(@Root() membership: HouseholdMembership, @Ctx() ctx: RequestContext): Citizen | null {
    return mayReadCitizen(ctx.actor, membership.citizen) ? membership.citizen : null;
  }
}
