import type { RequestContext } from '../core/context';
import { byKeys, groupByKeys } from '../core/loaders';
import { citizenOfActor } from './citizens/citizen-access';
import { Clan, ClanMembership } from './groups/clan.entity';
import { Household, HouseholdMembership } from './groups/household.entity';
import { Organisation, OrganisationMandatoryProgramme, OrganisationMembership } from './groups/organisation.entity';

/** Memberships valid on a day: started by then and not ended before it. */
function validOn(day: string) {
  return { validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gte: day } }] };
}

export function householdById(ctx: RequestContext) {
  return ctx.loaders.get<string, Household | null>('household.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(Household, { id: { $in: [...ids] } }, { populate: ['hamlet'] }), (household) => household.id),
  );
}

export function clanById(ctx: RequestContext) {
  return ctx.loaders.get<string, Clan | null>('clan.byId', async (ids) => byKeys(ids, await ctx.em.find(Clan, { id: { $in: [...ids] } }, { populate: ['unit'] }), (clan) => clan.id));
}

export function organisationById(ctx: RequestContext) {
  return ctx.loaders.get<string, Organisation | null>('organisation.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(Organisation, { id: { $in: [...ids] } }, { populate: ['unit'] }), (organisation) => organisation.id),
  );
}

/** The households the signed-in citizen lives or lived in (a summary of each is theirs to read), read once per request. */
export function viewerHouseholdIds(ctx: RequestContext): Promise<string[]> {
  return ctx.loaders
    .get<'viewer', string[]>('household.ofViewer', async (keys) => {
      const citizen = await citizenOfActor(ctx.em, ctx.actor);
      const memberships = citizen ? await ctx.em.find(HouseholdMembership, { citizen }) : [];
      return keys.map(() => memberships.map((membership) => membership.household.id));
    })
    .load('viewer');
}

/** Each citizen's household membership valid on the day, batched per request. */
export function householdMembershipOfCitizen(ctx: RequestContext, day: string) {
  return ctx.loaders.get<string, HouseholdMembership | null>(`household.ofCitizen.${day}`, async (citizenIds) =>
    byKeys(citizenIds, await ctx.em.find(HouseholdMembership, { citizen: { $in: [...citizenIds] }, ...validOn(day) }, { populate: ['household.hamlet'] }), (m) => m.citizen.id),
  );
}

/** The members of each household on the day (with their names), head first then by name. */
export function householdMembers(ctx: RequestContext, day: string) {
  return ctx.loaders.get<string, HouseholdMembership[]>(`household.members.${day}`, async (householdIds) => {
    const rows = await ctx.em.find(HouseholdMembership, { household: { $in: [...householdIds] }, ...validOn(day) }, { populate: ['citizen.residence', 'household'], orderBy: { citizen: { fullName: 'asc' }, id: 'asc' } });
    rows.sort((a, b) => Number(b.household.head.id === b.citizen.id) - Number(a.household.head.id === a.citizen.id));
    return groupByKeys(householdIds, rows, (m) => m.household.id);
  });
}

/** The households of each clan on the day. */
export function clanHouseholds(ctx: RequestContext, day: string) {
  return ctx.loaders.get<string, ClanMembership[]>(`clan.households.${day}`, async (clanIds) =>
    groupByKeys(clanIds, await ctx.em.find(ClanMembership, { clan: { $in: [...clanIds] }, ...validOn(day) }, { populate: ['household.hamlet'], orderBy: { household: { name: 'asc' }, id: 'asc' } }), (m) => m.clan.id),
  );
}

/** Each citizen's organisation memberships valid on the day. */
export function organisationsOfCitizen(ctx: RequestContext, day: string) {
  return ctx.loaders.get<string, OrganisationMembership[]>(`organisation.ofCitizen.${day}`, async (citizenIds) =>
    groupByKeys(citizenIds, await ctx.em.find(OrganisationMembership, { citizen: { $in: [...citizenIds] }, ...validOn(day) }, { populate: ['organisation.unit'], orderBy: { organisation: { name: 'asc' }, id: 'asc' } }), (m) => m.citizen.id),
  );
}

/** The programme ids each organisation makes mandatory in a year. */
export function mandatoryProgrammeIds(ctx: RequestContext, year: number) {
  return ctx.loaders.get<string, string[]>(`organisation.mandatory.${year}`, async (organisationIds) => {
    const rows = await ctx.em.find(OrganisationMandatoryProgramme, { organisation: { $in: [...organisationIds] }, year });
    return groupByKeys(organisationIds, rows, (row) => row.organisation.id).map((group) => group.map((row) => row.programme.id));
  });
}
