import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../../infra/read-only-entities';
import { keysetPage, sortValue, type SortKey, type SortSpec, type Seek } from '../../infra/keyset';
import { Conditions, pgArray } from '../../infra/sql';
import type { InstitutionKind, InstitutionStatus } from '../catalogue.enums';
import { distanceParams, distanceSql, withinRadiusParams, withinRadiusSql } from '../geo';
import type { Near } from '../geo.types';
import { Institution } from './institution.entity';
import { rankSortKey, textMatch, textRank, type TextSearch } from '../text-search';

export type InstitutionSort = 'NAME' | 'DISTANCE' | 'RELEVANCE';

export interface InstitutionQuery {
  unitPath: string | null;
  kinds: InstitutionKind[] | null;
  statuses: InstitutionStatus[];
  search: TextSearch | null;
  near: Near | null;
  sort: InstitutionSort;
}

export interface InstitutionRow {
  institution: Institution;
  sortKey: SortKey;
  distanceMetres: number | null;
}

/** Read-only Institutions made from rows (see ReadOnlyEntities). */
const institutionsReadOnly = ReadOnlyEntities.of(Institution);

/** Institutions by id, in no particular order; ids without a row are left out. */
export async function findInstitutionsByIds(em: EntityManager, ids: readonly string[]): Promise<Institution[]> {
  const rows: Record<string, unknown>[] = await em.execute(`select ${institutionsReadOnly.columns(em, 'i')} from institution i where i.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => institutionsReadOnly.fromRow(em, row));
}

function conditions(query: InstitutionQuery): Conditions {
  const where = new Conditions().add('i.status = any(?::text[])', pgArray(query.statuses));
  if (query.unitPath) where.add('i.unit_id in (select id from administrative_unit where path like ?)', `${query.unitPath}%`);
  if (query.kinds?.length) where.add('i.kind = any(?::text[])', pgArray(query.kinds));
  if (query.search) where.addPart(textMatch('i.search_text', query.search));
  if (query.near) where.add(withinRadiusSql('i.earth_point'), ...withinRadiusParams(query.near));
  return where;
}

function sortOf(query: InstitutionQuery): { select: string; params: unknown[]; cast: SortSpec['cast'] } {
  switch (query.sort) {
    case 'RELEVANCE':
      if (!query.search) return { select: '0', params: [], cast: 'float8' };
      return { ...rankSortKey(textRank('i.search_text', query.search)), cast: 'float8' };
    case 'DISTANCE':
      return query.near ? { select: distanceSql('i.earth_point'), params: distanceParams(query.near), cast: 'float8' } : { select: '0', params: [], cast: 'float8' };
    case 'NAME':
      return { select: 'i.name', params: [], cast: 'text' };
  }
}

/** One keyset page of institutions matching the query, in its order. */
export async function findInstitutions(em: EntityManager, query: InstitutionQuery, seek: Seek): Promise<InstitutionRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const spec: SortSpec = { expr: 't.sort_key', direction: 'asc', cast: sort.cast };
  const distance = query.near ? distanceSql('i.earth_point') : 'null::float8';
  const rows = await keysetPage<Record<string, unknown> & { sort_key: unknown; distance_m: number | null }>(em, {
    inner: `select ${institutionsReadOnly.columns(em, 'i')}, ${sort.select} as sort_key, ${distance} as distance_m from institution i where ${where.toSql()}`,
    params: [...sort.params, ...(query.near ? distanceParams(query.near) : []), ...where.params],
    spec,
    seek,
  });
  return rows.map((row) => ({ institution: institutionsReadOnly.fromRow(em, row), sortKey: sortValue(row.sort_key), distanceMetres: row.distance_m }));
}

export async function countInstitutions(em: EntityManager, query: InstitutionQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from institution i where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}
