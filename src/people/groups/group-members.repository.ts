import type { EntityManager } from '@mikro-orm/postgresql';
import { lateralPageSql, sortValue, type IdRow, type Seek, type SortSpec } from '../../infra/keyset';
import { pgArray } from '../../infra/sql';

/** A membership of a page, with the household or clan it belongs to. */
export type MemberPageRow = IdRow & { parentId: string };

/** The two lists of memberships of a group: a household's members, a clan's households. */
export type MembersOfGroups = 'household members' | 'clan households';

/** Each list's memberships with their group (`group_id`) and their place in its list (`sort_key`, never null). */
const ORDERED: Record<MembersOfGroups, { from: string; table: string; groupColumn: string }> = {
  // The head first ('0'), then the members by name: one text key, so that the list pages on one expression.
  'household members': {
    from: `(select hm.*, hm.household_id as group_id, (case when hm.citizen_id = h.head_id then '0' else '1' end) || c.search_text as sort_key
             from household_membership hm join household h on h.id = hm.household_id join citizen c on c.id = hm.citizen_id)`,
    table: 'household_membership',
    groupColumn: 'household_id',
  },
  // By household name, as the lists of households are.
  'clan households': {
    from: `(select cm.*, cm.clan_id as group_id, immutable_unaccent(lower(h.name)) as sort_key
             from clan_membership cm join household h on h.id = cm.household_id)`,
    table: 'clan_membership',
    groupColumn: 'clan_id',
  },
};

const VALID_ON = 'm.valid_from <= ?::date and (m.valid_to is null or m.valid_to >= ?::date)';
const BY_SORT_KEY: SortSpec = { expr: 'm.sort_key', direction: 'asc', cast: 'text' };

/** Each group's page of the memberships valid on a day, in one statement for all the groups. */
export async function findMemberPages(em: EntityManager, members: MembersOfGroups, groupIds: readonly string[], day: string, seek: Seek): Promise<MemberPageRow[]> {
  const page = lateralPageSql({ table: ORDERED[members].from, alias: 'm', parentColumn: 'm.group_id', where: VALID_ON, sort: BY_SORT_KEY, idExpr: 'm.id', seek });
  const rows: { id: string; sort_key: unknown; parent_id: string }[] = await em.execute(page.sql, [pgArray(groupIds), day, day, ...page.seekParams]);
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key), parentId: row.parent_id }));
}

/** How many memberships valid on a day each group has. */
export async function countMembers(em: EntityManager, members: MembersOfGroups, groupIds: readonly string[], day: string): Promise<Map<string, number>> {
  const { table, groupColumn } = ORDERED[members];
  const rows: { group_id: string; count: string }[] = await em.execute(
    `select m.${groupColumn} as group_id, count(*) from ${table} m where m.${groupColumn} = any(?::uuid[]) and ${VALID_ON} group by 1`,
    [pgArray(groupIds), day, day],
  );
  return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
}
