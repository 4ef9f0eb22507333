import type { EntityManager } from '@mikro-orm/postgresql';
import { afterClause, sortValue, orderClause, type SortKey, type SortSpec } from '../infra/keyset';
import { Conditions, pgArray } from '../infra/sql';
import type { InstitutionKind, InstitutionStatus } from './catalogue.enums';
import { distanceParams, distanceSql, withinRadiusParams, withinRadiusSql } from './geo';
import type { Near } from './geo.types';
import { Institution } from './institution.entity';
import { textMatch, textMatchParams, textRank } from './text-search';

export type InstitutionSort = 'NAME' | 'DISTANCE' | 'RELEVANCE';

export interface InstitutionQuery {
  unitPath: string | null;
  kinds: InstitutionKind[] | null;
  statuses: InstitutionStatus[];
  search: string | null;
  near: Near | null;
  sort: InstitutionSort;
}

export interface InstitutionRow {
  institution: Institution;
  sortKey: SortKey;
  distanceMetres: number | null;
}

function conditions(query: InstitutionQuery): Conditions {
  const where = new Conditions().add('i.status = any(?::text[])', pgArray(query.statuses));
  if (query.unitPath) where.add('i.unit_id in (select id from administrative_unit where path like ?)', `${query.unitPath}%`);
  if (query.kinds?.length) where.add('i.kind = any(?::text[])', pgArray(query.kinds));
  if (query.search) where.add(textMatch('i.search_text'), ...textMatchParams(query.search));
  if (query.near) where.add(withinRadiusSql('i.latitude', 'i.longitude'), ...withinRadiusParams(query.near));
  return where;
}

function sortOf(query: InstitutionQuery): { select: string; params: unknown[]; cast: SortSpec['cast'] } {
  switch (query.sort) {
    case 'RELEVANCE':
      return { select: `-${textRank('i.search_text')}`, params: [query.search ?? ''], cast: 'float8' };
    case 'DISTANCE':
      return query.near ? { select: distanceSql('i.latitude', 'i.longitude'), params: distanceParams(query.near), cast: 'float8' } : { select: '0', params: [], cast: 'float8' };
    case 'NAME':
      return { select: 'i.name', params: [], cast: 'text' };
  }
}

/** One keyset page of institutions matching the query, in its order. */
export async function findInstitutions(em: EntityManager, query: InstitutionQuery, limit: number, after: SortKey[] | null): Promise<InstitutionRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const spec: SortSpec = { expr: 't.sort_key', direction: 'asc', cast: sort.cast };
  const distance = query.near ? distanceSql('i.latitude', 'i.longitude') : 'null::float8';
  const params: unknown[] = [...sort.params, ...(query.near ? distanceParams(query.near) : []), ...where.params];
  let keyset = 'true';
  if (after) {
    keyset = afterClause(spec, 't.id');
    params.push(...after);
  }
  params.push(limit);
  const rows: (Record<string, unknown> & { sort_key: unknown; distance_m: number | null })[] = await em.execute(
    `select * from (
       select i.*, ${sort.select} as sort_key, ${distance} as distance_m from institution i where ${where.toSql()}
     ) t where ${keyset} order by ${orderClause(spec, 't.id')} limit ?`,
    params,
  );
  return rows.map((row) => ({ institution: em.map(Institution, row), sortKey: sortValue(row.sort_key), distanceMetres: row.distance_m }));
}

export async function countInstitutions(em: EntityManager, query: InstitutionQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from institution i where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}
