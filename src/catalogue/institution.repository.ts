import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../infra/database';
import { keysetPage, sortValue, type SortKey, type SortSpec } from '../infra/keyset';
import { columnList, Conditions, pgArray } from '../infra/sql';
import type { InstitutionKind, InstitutionStatus } from './catalogue.enums';
import { distanceParams, distanceSql, withinRadiusParams, withinRadiusSql } from './geo';
import type { Near } from './geo.types';
import { Institution } from './institution.entity';
import { textMatch, textMatchParams, textRank } from './text-search';
import { AdministrativeUnit } from './unit.entity';

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

/** An institution's columns as the driver returns them (timestamps as text). */
interface InstitutionRecord {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  kind: Institution['kind'];
  description: string | null;
  address: string | null;
  unit_id: string;
  latitude: number | null;
  longitude: number | null;
  opening_hours: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  accessibility: Institution['accessibility'];
  status: Institution['status'];
}

const COLUMNS: readonly (keyof InstitutionRecord)[] = [
  'id', 'created_at', 'updated_at', 'name', 'kind', 'description', 'address', 'unit_id', 'latitude', 'longitude',
  'opening_hours', 'phone', 'email', 'website', 'accessibility', 'status',
];

/** The columns an institution is read from (not the generated search text and earth point, which only SQL reads). */
function institutionColumns(alias: string): string {
  return columnList(alias, COLUMNS);
}

/** A read-only institution of a row (see ReadOnlyEntities), or the request's managed one. */
function institutionOf(em: EntityManager, row: InstitutionRecord): Institution {
  return ReadOnlyEntities.of(Institution).read(em, row.id, (institution) => {
    const platform = em.getPlatform();
    institution.id = row.id;
    institution.createdAt = platform.parseDate(row.created_at);
    institution.updatedAt = platform.parseDate(row.updated_at);
    institution.name = row.name;
    institution.kind = row.kind;
    institution.description = row.description;
    institution.address = row.address;
    institution.unit = ReadOnlyEntities.of(AdministrativeUnit).reference(em, row.unit_id);
    institution.latitude = row.latitude;
    institution.longitude = row.longitude;
    institution.openingHours = row.opening_hours;
    institution.phone = row.phone;
    institution.email = row.email;
    institution.website = row.website;
    institution.accessibility = row.accessibility;
    institution.status = row.status;
  });
}

/** Institutions by id, in no particular order; ids without a row are left out. */
export async function findInstitutionsByIds(em: EntityManager, ids: readonly string[]): Promise<Institution[]> {
  const rows: InstitutionRecord[] = await em.execute(`select ${institutionColumns('i')} from institution i where i.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => institutionOf(em, row));
}

function conditions(query: InstitutionQuery): Conditions {
  const where = new Conditions().add('i.status = any(?::text[])', pgArray(query.statuses));
  if (query.unitPath) where.add('i.unit_id in (select id from administrative_unit where path like ?)', `${query.unitPath}%`);
  if (query.kinds?.length) where.add('i.kind = any(?::text[])', pgArray(query.kinds));
  if (query.search) where.add(textMatch('i.search_text'), ...textMatchParams(query.search));
  if (query.near) where.add(withinRadiusSql('i.earth_point'), ...withinRadiusParams(query.near));
  return where;
}

function sortOf(query: InstitutionQuery): { select: string; params: unknown[]; cast: SortSpec['cast'] } {
  switch (query.sort) {
    case 'RELEVANCE':
      return { select: `-${textRank('i.search_text')}`, params: [query.search ?? ''], cast: 'float8' };
    case 'DISTANCE':
      return query.near ? { select: distanceSql('i.earth_point'), params: distanceParams(query.near), cast: 'float8' } : { select: '0', params: [], cast: 'float8' };
    case 'NAME':
      return { select: 'i.name', params: [], cast: 'text' };
  }
}

/** One keyset page of institutions matching the query, in its order. */
export async function findInstitutions(em: EntityManager, query: InstitutionQuery, limit: number, after: SortKey[] | null): Promise<InstitutionRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const spec: SortSpec = { expr: 't.sort_key', direction: 'asc', cast: sort.cast };
  const distance = query.near ? distanceSql('i.earth_point') : 'null::float8';
  const rows = await keysetPage<InstitutionRecord & { sort_key: unknown; distance_m: number | null }>(em, {
    inner: `select ${institutionColumns('i')}, ${sort.select} as sort_key, ${distance} as distance_m from institution i where ${where.toSql()}`,
    params: [...sort.params, ...(query.near ? distanceParams(query.near) : []), ...where.params],
    spec,
    after,
    limit,
  });
  return rows.map((row) => ({ institution: institutionOf(em, row), sortKey: sortValue(row.sort_key), distanceMetres: row.distance_m }));
}

export async function countInstitutions(em: EntityManager, query: InstitutionQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from institution i where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}
