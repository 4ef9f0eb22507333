import type { EntityManager } from '@mikro-orm/postgresql';
import { textMatch, type TextSearch } from '../../catalogue/text-search';
import { keysetPage, sortValue, type SortKey, type Seek } from '../../infra/keyset';
import { Conditions, pgArray } from '../../infra/sql';

export interface CitizenQuery {
  /** Residences the actor may see (assessors' subtrees), or null for all (province admins). */
  scopePaths: string[] | null;
  /** Only residents of this unit's subtree. */
  unitPath: string | null;
  search: TextSearch | null;
  nationalIdDigest: string | null;
}

export interface CitizenRow {
  id: string;
  sortKey: SortKey;
}

function conditions(query: CitizenQuery): Conditions {
  const where = new Conditions();
  if (query.scopePaths) where.add('u.path like any(?::text[])', pgArray(query.scopePaths.map((path) => `${path}%`)));
  if (query.unitPath) where.add('u.path like ?', `${query.unitPath}%`);
  if (query.search) where.addPart(textMatch('c.search_text', query.search));
  if (query.nationalIdDigest) where.add('c.national_id_digest = ?', query.nationalIdDigest);
  return where;
}

const FROM = 'citizen c join administrative_unit u on u.id = c.residence_id';

/** One keyset page of citizens' ids by name (unaccented, then id). */
export async function findCitizenIds(em: EntityManager, query: CitizenQuery, seek: Seek): Promise<CitizenRow[]> {
  const where = conditions(query);
  const rows = await keysetPage<{ id: string; sort_key: unknown }>(em, {
    inner: `select c.id, c.search_text as sort_key from ${FROM} where ${where.toSql()}`,
    params: where.params,
    spec: { expr: 't.sort_key', direction: 'asc', cast: 'text' },
    seek,
  });
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }));
}

export async function countCitizens(em: EntityManager, query: CitizenQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${FROM} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

/**
 * Serialises every write that claims a national ID number until the transaction ends, so two
 * registrations of the same number at once see each other (the unique index is the last guard).
 */
export async function lockNationalId(em: EntityManager, digest: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`national-id:${digest}`]);
}
