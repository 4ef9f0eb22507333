import type { EntityManager } from '@mikro-orm/postgresql';
import { keysetPage, sortValue, type IdRow, type Seek } from '../infra/keyset';
import { Conditions, pgArray } from '../infra/sql';

/** Households, clans and organisations listed by name, within units. */
export interface GroupQuery {
  table: 'household' | 'clan' | 'organisation';
  unitColumn: 'hamlet_id' | 'unit_id';
  /** Units the actor may see (assessors' subtrees), or null for all. */
  scopePaths: string[] | null;
  unitPath: string | null;
  kinds: string[] | null;
}

function groupConditions(query: GroupQuery): Conditions {
  const where = new Conditions();
  if (query.scopePaths) where.add('u.path like any(?::text[])', pgArray(query.scopePaths.map((path) => `${path}%`)));
  if (query.unitPath) where.add('u.path like ?', `${query.unitPath}%`);
  if (query.kinds?.length) where.add('g.kind = any(?::text[])', pgArray(query.kinds));
  return where;
}

function groupFrom(query: GroupQuery): string {
  return `"${query.table}" g join administrative_unit u on u.id = g.${query.unitColumn}`;
}

export async function findGroupIds(em: EntityManager, query: GroupQuery, seek: Seek): Promise<IdRow[]> {
  const where = groupConditions(query);
  const rows = await keysetPage<{ id: string; sort_key: unknown }>(em, {
    inner: `select g.id, immutable_unaccent(lower(g.name)) as sort_key from ${groupFrom(query)} where ${where.toSql()}`,
    params: where.params,
    spec: { expr: 't.sort_key', direction: 'asc', cast: 'text' },
    seek,
  });
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }));
}

export async function countGroups(em: EntityManager, query: GroupQuery): Promise<number> {
  const where = groupConditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${groupFrom(query)} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

const MEMBERS_WHERE = 'm.organisation_id = ? and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to >= ?::date) and (?::text is null or m.role = ?::text)';

/** One keyset page of an organisation's memberships valid on a day, by member name. */
export async function findOrganisationMemberIds(em: EntityManager, organisationId: string, day: string, role: string | null, seek: Seek): Promise<IdRow[]> {
  const rows = await keysetPage<{ id: string; sort_key: unknown }>(em, {
    inner: `select m.id, c.search_text as sort_key from organisation_membership m join citizen c on c.id = m.citizen_id where ${MEMBERS_WHERE}`,
    params: [organisationId, day, day, role, role],
    spec: { expr: 't.sort_key', direction: 'asc', cast: 'text' },
    seek,
  });
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }));
}

export async function countOrganisationMembers(em: EntityManager, organisationId: string, day: string, role: string | null): Promise<number> {
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from organisation_membership m where ${MEMBERS_WHERE}`, [organisationId, day, day, role, role]);
  return Number(row?.count ?? 0);
}
