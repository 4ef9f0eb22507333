import type { RequestContext } from '../../core/context';
import { byKeys, groupByKeys } from '../../core/loaders';
import type { Seek } from '../../infra/keyset';
import { ClanMembership } from './clan.entity';
import { countMembers, findMemberPages, type MemberPageRow, type MembersOfGroups } from './group-members.repository';
import { HouseholdMembership } from './household.entity';

/** One page of memberships per household or clan, batched over the groups of a request asked for with the same page. */
export function memberPageOfGroup(ctx: RequestContext, members: MembersOfGroups, day: string, seek: Seek) {
  return ctx.loaders.get<string, MemberPageRow[]>(`groups.memberPage.${JSON.stringify([members, day, seek])}`, async (groupIds) =>
    groupByKeys(groupIds, await findMemberPages(ctx.em, members, groupIds, day, seek), (row) => row.parentId),
  );
}

export function memberCountOfGroup(ctx: RequestContext, members: MembersOfGroups, day: string) {
  return ctx.loaders.get<string, number>(`groups.memberCount.${JSON.stringify([members, day])}`, async (groupIds) => {
    const counts = await countMembers(ctx.em, members, groupIds, day);
    return groupIds.map((id) => counts.get(id) ?? 0);
  });
}

/** Household memberships by id, with what their fields show (the member, the household and its head). */
export function householdMembershipById(ctx: RequestContext) {
  return ctx.loaders.get<string, HouseholdMembership | null>('groups.householdMembership.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(HouseholdMembership, { id: { $in: [...ids] } }, { populate: ['citizen.residence', 'household'] }), (row) => row.id),
  );
}

export function clanMembershipById(ctx: RequestContext) {
  return ctx.loaders.get<string, ClanMembership | null>('groups.clanMembership.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(ClanMembership, { id: { $in: [...ids] } }, { populate: ['household.hamlet'] }), (row) => row.id),
  );
}
