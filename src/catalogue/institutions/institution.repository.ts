import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../../infra/read-only-entities';
import { keysetPage, sortValue, type SortKey, type SortSpec, type Seek } from '../../infra/keyset';
import { Conditions, pgArray } from '../../infra/sql';
import type { InstitutionKind, InstitutionStatus } from '../catalogue.enums';
import { distanceParams, distanceSql, withinRadiusParams, withinRadiusSql } from '../geo';
import type { Near } from '../geo.types';
import { Institution } from './institution.entity';
import { AdministrativeUnit } from '../units/unit.entity';
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

/** An institution with its administrative unit, read in the same statement (a front end nearly always shows where it is). */
export interface InstitutionWithUnit {
  institution: Institution;
  unit: AdministrativeUnit;
}

export interface InstitutionRow extends InstitutionWithUnit {
  sortKey: SortKey;
  distanceMetres: number | null;
  /** How many institutions the whole query matches, when the page was asked to count them; else null. */
  total: number | null;
}

/** Read-only Institutions made from rows (see ReadOnlyEntities). */
const institutionsReadOnly = ReadOnlyEntities.of(Institution);
const unitsReadOnly = ReadOnlyEntities.of(AdministrativeUnit);
const UNIT_PREFIX = 'unit__';

/** `from` of the institution reads: each with its unit, whose columns `withUnit` reads back. */
const WITH_UNIT = 'institution i join administrative_unit u on u.id = i.unit_id';

function selectWithUnit(em: EntityManager): string {
  return `${institutionsReadOnly.columns(em, 'i')}, ${unitsReadOnly.columns(em, 'u', UNIT_PREFIX)}`;
}

function withUnit(em: EntityManager, row: Record<string, unknown>): InstitutionWithUnit {
  return { institution: institutionsReadOnly.fromRow(em, row), unit: unitsReadOnly.fromRow(em, row, UNIT_PREFIX) };
}

/** Institutions by id with their units, in no particular order; ids without a row are left out. */
export async function findInstitutionsByIds(em: EntityManager, ids: readonly string[]): Promise<InstitutionWithUnit[]> {
  const rows: Record<string, unknown>[] = await em.execute(`select ${selectWithUnit(em)} from ${WITH_UNIT} where i.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => withUnit(em, row));
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

/**
 * One keyset page of institutions matching the query, in its order, with their units. With
 * `counted`, each row also carries how many institutions match the whole query (a window count
 * taken before the cursor's condition), so that totalCount needs no statement of its own.
 */
export async function findInstitutions(em: EntityManager, query: InstitutionQuery, seek: Seek, counted = false): Promise<InstitutionRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const spec: SortSpec = { expr: 't.sort_key', direction: 'asc', cast: sort.cast };
  const distance = query.near ? distanceSql('i.earth_point') : 'null::float8';
  const total = counted ? 'count(*) over ()' : 'null::int8';
  const rows = await keysetPage<Record<string, unknown> & { sort_key: unknown; distance_m: number | null; total_count: string | null }>(em, {
    inner: `select ${selectWithUnit(em)}, ${sort.select} as sort_key, ${distance} as distance_m, ${total} as total_count from ${WITH_UNIT} where ${where.toSql()}`,
    params: [...sort.params, ...(query.near ? distanceParams(query.near) : []), ...where.params],
    spec,
    seek,
  });
  return rows.map((row) => ({
    ...withUnit(em, row),
    sortKey: sortValue(row.sort_key),
    distanceMetres: row.distance_m,
    total: row.total_count === null ? null : Number(row.total_count),
  }));
}

export async function countInstitutions(em: EntityManager, query: InstitutionQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from institution i where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}
