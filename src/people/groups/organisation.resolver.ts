import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { YearArg } from '../../graphql/year';
import { governsUnit } from '../../core/actor';
import { Role } from '../../core/roles';
import type { Programme } from '../../catalogue/programmes/programme.entity';
import { ProgrammeType } from '../../catalogue/programmes/programme.types';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { orNull } from '../../core/loaders';
import { nodeFetcher, registerNode } from '../../graphql/node-registry';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { runMutation } from '../../graphql/user-error';
import { todayInVietnam } from '../../core/time';
import { mayReadCitizen } from '../citizens/citizen-access';
import type { Citizen } from '../citizens/citizen.entity';
import { CitizenType } from '../citizens/citizen.types';
import {
  AddOrganisationMemberInput,
  CitizenOrganisationType,
  CreateOrganisationInput,
  EndOrganisationMembershipInput,
  OrganisationConnection,
  OrganisationFilter,
  OrganisationMemberConnection,
  OrganisationMemberType,
  OrganisationPayload,
  OrganisationType,
  SetOrganisationMandatoryProgrammesInput,
} from './groups.types';
import { idConnection } from '../../graphql/id-connection';
import { Organisation, OrganisationMembership } from './organisation.entity';
import { countOrganisationMembers, findOrganisationMemberIds } from '../people.repository';
import { OrganisationRole } from '../people.enums';
import { mandatoryProgrammeIds, organisationById } from '../people.loaders';

// Organisations are public (a name, a kind, a unit); their members are not.
registerNode('Organisation', Organisation, (ctx, ids) => organisationById(ctx).loadMany(ids).then(orNull));

function payload(outcome: { result: Organisation | null; errors: OrganisationPayload['errors'] }): OrganisationPayload {
  return { organisation: outcome.result, errors: outcome.errors };
}

@Resolver(() => OrganisationType)
export class OrganisationResolver {
  @Query(() => OrganisationConnection, { description: 'Organisations (agencies, schools, enterprises, cooperatives), by name.' })
  async organisations(@Arg('filter', () => OrganisationFilter, { nullable: true }) filter: OrganisationFilter | null, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Organisation>> {
    const query = await ctx.services.groupLists.toQuery(ctx, 'organisation', { unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null, kinds: filter?.kinds ?? null });
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'organisations:NAME',
      fetch: (seek) => ctx.services.groupLists.find(ctx, query, seek),
      count: () => ctx.services.groupLists.count(ctx, query),
      load: (ids) => organisationById(ctx).loadMany(ids),
    });
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => OrganisationPayload, { description: 'Records an organisation of a unit of your area.' })
  async createOrganisation(@Arg('input') input: CreateOrganisationInput, @Ctx() ctx: RequestContext): Promise<OrganisationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.organisations.create(tx, idOf('AdministrativeUnit', input.unitId), input.name, input.kind)));
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => OrganisationPayload, { description: 'A citizen joins an organisation of your area as staff or learner.' })
  async addOrganisationMember(@Arg('input') input: AddOrganisationMemberInput, @Ctx() ctx: RequestContext): Promise<OrganisationPayload> {
    return payload(
      await runMutation(ctx, async (tx) => {
        const membership = await ctx.services.organisations.addMember(tx, idOf('Organisation', input.organisationId), idOf('Citizen', input.citizenId), input.role, input.validFrom);
        return membership.organisation;
      }),
    );
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => OrganisationPayload, { description: 'A member leaves an organisation of your area.' })
  async endOrganisationMembership(@Arg('input') input: EndOrganisationMembershipInput, @Ctx() ctx: RequestContext): Promise<OrganisationPayload> {
    return payload(
      await runMutation(ctx, async (tx) => {
        const membership = await ctx.services.organisations.endMember(tx, idOf('Organisation', input.organisationId), idOf('Citizen', input.citizenId), input.validTo);
        return membership.organisation;
      }),
    );
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => OrganisationPayload, { description: 'Sets the programmes an organisation of your area makes mandatory for a year. Idempotent.' })
  async setOrganisationMandatoryProgrammes(@Arg('input') input: SetOrganisationMandatoryProgrammesInput, @Ctx() ctx: RequestContext): Promise<OrganisationPayload> {
    const programmeIds = input.programmeIds.map((id) => idOf('Programme', id));
    return payload(await runMutation(ctx, (tx) => ctx.services.organisations.setMandatoryProgrammes(tx, idOf('Organisation', input.organisationId), input.year, programmeIds)));
  }

  @FieldResolver(() => String, { description: 'The kind, in the language of the request.' })
  kindLabel(@Root() organisation: Organisation, @Ctx() ctx: RequestContext): string {
    return labelOf('OrganisationKind', organisation.kind, ctx.locale);
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'The unit it belongs to.' })
  async unit(@Root() organisation: Organisation, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(organisation.unit.id);
  }

  @FieldResolver(() => [ProgrammeType], { description: 'The programmes it makes mandatory for its members in a year (those you may see).' })
  async mandatoryProgrammes(@Root() organisation: Organisation, @YearArg('The year.') year: number, @Ctx() ctx: RequestContext): Promise<Programme[]> {
    const ids = await mandatoryProgrammeIds(ctx, year).load(organisation.id);
    const fetch = nodeFetcher('Programme');
    const programmes = fetch && ids.length ? await fetch(ctx, ids) : [];
    return programmes.filter((programme): programme is Programme => programme !== null);
  }

  @FieldResolver(() => OrganisationMemberConnection, { nullable: true, description: 'Members on a day (today by default), by name; null unless you are an assessor of its unit or a province admin.' })
  async members(
    @Root() organisation: Organisation,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default. Use 31 December for a year.' }) validOn: string | null,
    @Arg('role', () => OrganisationRole, { nullable: true, description: 'Only staff, or only learners.' }) role: OrganisationRole | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<OrganisationMembership> | null> {
    const unit = await unitById(ctx).load(organisation.unit.id);
    if (!unit || !governsUnit(ctx.actor, unit.path)) return null;
    const day = validOn ?? todayInVietnam(ctx.now);
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `organisation-members:${organisation.id}:${day}:${role ?? ''}`,
      fetch: (seek) => findOrganisationMemberIds(ctx.em, organisation.id, day, role, seek),
      count: () => countOrganisationMembers(ctx.em, organisation.id, day, role),
      load: async (ids) => {
        const rows = await ctx.em.find(OrganisationMembership, { id: { $in: ids } }, { populate: ['citizen.residence'] });
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      },
    });
  }
}

@Resolver(() => OrganisationMemberType)
export class OrganisationMemberResolver {
  @FieldResolver(() => String, { description: 'The role, in the language of the request.' })
  roleLabel(@Root() membership: OrganisationMembership, @Ctx() ctx: RequestContext): string {
    return labelOf('OrganisationRole', membership.role, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The member’s full name.' })
  fullName(@Root() membership: OrganisationMembership): string {
    return membership.citizen.fullName;
  }

  @FieldResolver(() => CitizenType, { nullable: true, description: 'The member’s profile, when you may read it.' })
  citizen(@Root() membership: OrganisationMembership, @Ctx() ctx: RequestContext): Citizen | null {
    return mayReadCitizen(ctx.actor, membership.citizen) ? membership.citizen : null;
  }
}

@Resolver(() => CitizenOrganisationType)
export class CitizenOrganisationResolver {
  @FieldResolver(() => OrganisationType, { description: 'The organisation.' })
  organisation(@Root() membership: OrganisationMembership): Organisation {
    return membership.organisation;
  }

  @FieldResolver(() => String, { description: 'The role, in the language of the request.' })
  roleLabel(@Root() membership: OrganisationMembership, @Ctx() ctx: RequestContext): string {
    return labelOf('OrganisationRole', membership.role, ctx.locale);
  }
}
