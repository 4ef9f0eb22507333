import type DataLoader from 'dataloader';
import type { RequestContext } from '../../core/context';
import { byKeys, groupByKeys } from '../../core/loaders';
import { idConnection } from '../../graphql/id-connection';
import type { Connection, PageArgs } from '../../graphql/relay';
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

interface MembershipOf {
  'household members': HouseholdMembership;
  'clan households': ClanMembership;
}
const MEMBERSHIPS_BY_ID: { [M in MembersOfGroups]: (ctx: RequestContext) => DataLoader<string, MembershipOf[M] | null> } = {
  'household members': householdMembershipById,
  'clan households': clanMembershipById,
};

/** A household's members or a clan's households valid on a day, as a connection: one batched statement per page. */
export function groupMembershipConnection<M extends MembersOfGroups>(
  ctx: RequestContext,
  members: M,
  groupId: string,
  day: string,
  page: PageArgs,
): Promise<Connection<MembershipOf[M]>> {
  const byId: (ctx: RequestContext) => DataLoader<string, MembershipOf[M] | null> = MEMBERSHIPS_BY_ID[members];
  return idConnection({
    args: page,
    codec: ctx.services.cursors,
    scope: `${members.replace(' ', '-')}:${groupId}:${day}`,
    fetch: (seek) => memberPageOfGroup(ctx, members, day, seek).load(groupId),
    count: () => memberCountOfGroup(ctx, members, day).load(groupId),
    load: (ids) => byId(ctx).loadMany(ids),
  });
}
