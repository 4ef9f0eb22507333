import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../core/roles';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { runMutation } from '../../graphql/user-error';
import { todayInVietnam } from '../../core/time';
import { registerNode } from '../../graphql/node-registry';
import { citizenOfActor, mayReadCitizen } from './citizen-access';
import { Citizen } from './citizen.entity';
import { citizenById } from './citizen.loaders';
import {
  CitizenConnection,
  CitizenFilter,
  CitizenPayload,
  CitizenType,
  ClaimCitizenProfileInput,
  CreateMyCitizenProfileInput,
  ImportCitizensInput,
  ImportCitizensPayload,
  IssueCitizenClaimCodeInput,
  IssueCitizenClaimCodePayload,
  RegisterCitizenInput,
  UpdateCitizenInput,
} from './citizen.types';
import type { Household } from '../groups/household.entity';
import { idConnection } from '../../graphql/id-connection';
import { CitizenOrganisationType, HouseholdType } from '../groups/groups.types';
import type { OrganisationMembership } from '../groups/organisation.entity';
import { householdMembershipOfCitizen, organisationsOfCitizen } from '../people.loaders';

/** Decodes the unit id of a profile input. */
function withUnitIds<T extends { residenceId?: string | null }>(input: T): T {
  return { ...input, ...(input.residenceId ? { residenceId: idOf('AdministrativeUnit', input.residenceId) } : {}) };
}

registerNode('Citizen', Citizen, async (ctx, ids) => {
  const citizens = await citizenById(ctx).loadMany(ids);
  return citizens.map((citizen) => (citizen instanceof Citizen && mayReadCitizen(ctx.actor, citizen) ? citizen : null));
});

@Resolver(() => CitizenType)
export class CitizenResolver {
  @Query(() => CitizenType, { nullable: true, description: 'Your own citizen profile; null when you are not signed in or have none yet.' })
  async myCitizenProfile(@Ctx() ctx: RequestContext): Promise<Citizen | null> {
    return citizenOfActor(ctx.em, ctx.actor);
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Query(() => CitizenConnection, { description: 'Citizens living in your area (province admins: everyone), by name.' })
  async citizens(
    @Arg('filter', () => CitizenFilter, { nullable: true }) filter: CitizenFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Citizen>> {
    const query = await ctx.services.citizens.toQuery(ctx, { ...filter, unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null });
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'citizens:NAME',
      fetch: (seek) => ctx.services.citizens.find(ctx, query, seek),
      count: () => ctx.services.citizens.count(ctx, query),
      load: (ids) => citizenById(ctx).loadMany(ids),
    });
  }

  @Authorized()
  @Mutation(() => CitizenPayload, { description: 'Creates your own citizen profile (one per account). A national ID number already registered is refused with NATIONAL_ID_TAKEN: claim that profile instead.' })
  async createMyCitizenProfile(@Arg('input') input: CreateMyCitizenProfileInput, @Ctx() ctx: RequestContext): Promise<CitizenPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.citizens.createMine(tx, withUnitIds(input)));
    return { citizen: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => CitizenPayload, { description: 'Takes over the profile an assessor registered for you, with your national ID number and the one-time claim code they gave you.' })
  async claimCitizenProfile(@Arg('input') input: ClaimCitizenProfileInput, @Ctx() ctx: RequestContext): Promise<CitizenPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.citizens.claim(tx, input.nationalId, input.claimCode));
    return { citizen: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => IssueCitizenClaimCodePayload, { description: 'Issues a one-time claim code for a profile of your area that has no account yet.' })
  async issueCitizenClaimCode(@Arg('input') input: IssueCitizenClaimCodeInput, @Ctx() ctx: RequestContext): Promise<IssueCitizenClaimCodePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.citizens.issueClaimCode(tx, idOf('Citizen', input.citizenId)));
    return { claimCode: outcome.result?.code ?? null, expiresAt: outcome.result?.expiresAt ?? null, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => CitizenPayload, { description: 'Registers a citizen living in your area. A national ID number already registered is refused with NATIONAL_ID_TAKEN.' })
  async registerCitizen(@Arg('input') input: RegisterCitizenInput, @Ctx() ctx: RequestContext): Promise<CitizenPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.citizens.register(tx, withUnitIds(input)));
    return { citizen: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => CitizenPayload, { description: 'Changes a citizen profile: your own (contact, residence, reporting fields), or any field of a citizen of your area.' })
  async updateCitizen(@Arg('input') input: UpdateCitizenInput, @Ctx() ctx: RequestContext): Promise<CitizenPayload> {
    const { id, ...fields } = withUnitIds(input);
    const outcome = await runMutation(ctx, (tx) => ctx.services.citizens.update(tx, idOf('Citizen', id), fields));
    return { citizen: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => ImportCitizensPayload, { description: 'Imports the citizens of a hamlet of your area from CSV, matched by national ID number. Idempotent: the same file again changes nothing.' })
  async importCitizens(@Arg('input') input: ImportCitizensInput, @Ctx() ctx: RequestContext): Promise<ImportCitizensPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.citizenImport.importCsv(tx, idOf('AdministrativeUnit', input.unitId), input.csv));
    return { report: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => HouseholdType, { nullable: true, description: 'The household the citizen lives in on a day (today by default).' })
  async household(
    @Root() citizen: Citizen,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default. Use 31 December for a year.' }) validOn: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Household | null> {
    const membership = await householdMembershipOfCitizen(ctx, validOn ?? todayInVietnam(ctx.now)).load(citizen.id);
    return membership?.household ?? null;
  }

  @FieldResolver(() => [CitizenOrganisationType], { description: 'The organisations the citizen belongs to on a day (today by default), as staff or learner.' })
  async organisations(
    @Root() citizen: Citizen,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default.' }) validOn: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<OrganisationMembership[]> {
    return organisationsOfCitizen(ctx, validOn ?? todayInVietnam(ctx.now)).load(citizen.id);
  }

  @FieldResolver(() => String, { description: 'The gender, in the language of the request.' })
  genderLabel(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): string {
    return labelOf('Gender', citizen.gender, ctx.locale);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The occupational group, in the language of the request.' })
  occupationalGroupLabel(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): string | null {
    return citizen.occupationalGroup ? labelOf('OccupationalGroup', citizen.occupationalGroup, ctx.locale) : null;
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'Where the citizen lives: a hamlet, or a commune when the hamlet is not known.' })
  async residence(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(citizen.residence.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'National ID number (CCCD), shown only to the citizen and to assessors of their unit; null for anyone else or when not recorded.',
  })
  nationalId(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): string | null {
    if (!citizen.nationalIdSealed || !mayReadCitizen(ctx.actor, citizen)) return null;
    return ctx.services.nationalIds.open(citizen.nationalIdSealed);
  }
}
