import type { EntityManager } from '@mikro-orm/postgresql';
import { textMatch, type TextSearch } from '../catalogue/text-search';
import { keysetPage, sortValue, type IdRow, type Seek } from '../infra/keyset';
import { Conditions, pgArray } from '../infra/sql';
import type { BodyKind } from './body.enums';

export interface BodyQuery {
  kinds: BodyKind[] | null;
  /** Bodies serving this unit or a unit under it. */
  withinPath: string | null;
  search: TextSearch | null;
}

const FROM = 'body b join administrative_unit u on u.id = b.unit_id';
const NAME = 'immutable_unaccent(lower(b.name))';

function conditions(query: BodyQuery): Conditions {
  const where = new Conditions();
  if (query.kinds) where.add('b.kind = any(?::text[])', pgArray(query.kinds));
  if (query.withinPath) where.add('u.path like ?', `${query.withinPath}%`);
  if (query.search) where.addPart(textMatch(NAME, query.search));
  return where;
}

/** One keyset page of bodies by name. */
export async function findBodyIds(em: EntityManager, query: BodyQuery, seek: Seek): Promise<IdRow[]> {
  const where = conditions(query);
  const rows = await keysetPage<{ id: string; sort_key: unknown }>(em, {
    inner: `select b.id, ${NAME} as sort_key from ${FROM} where ${where.toSql()}`,
    params: where.params,
    spec: { expr: 't.sort_key', direction: 'asc', cast: 'text' },
    seek,
  });
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }));
}

export async function countBodies(em: EntityManager, query: BodyQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${FROM} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}
