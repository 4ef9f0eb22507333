import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../../infra/read-only-entities';
import { keysetPage, sortValue, type SortKey, type SortSpec, type Seek } from '../../infra/keyset';
import { Conditions, pgArray } from '../../infra/sql';
import type { UnitLevel } from '../catalogue.enums';
import { rankSortKey, textMatch, textRank, type TextSearch } from '../text-search';
import { AdministrativeUnit } from './unit.entity';

export interface UnitQuery {
  search: TextSearch | null;
  levels: UnitLevel[] | null;
  /** Materialized path of the unit whose subtree (without itself) to list. */
  withinPath: string | null;
  /** A calendar day the units must be valid on, or null for every period. */
  validOn: string | null;
}

export interface UnitRow {
  unit: AdministrativeUnit;
  sortKey: SortKey;
}

/** Read-only AdministrativeUnits made from rows (see ReadOnlyEntities). */
const unitsReadOnly = ReadOnlyEntities.of(AdministrativeUnit);

/** Units by id, in no particular order; ids without a row are left out. */
export async function findUnitsByIds(em: EntityManager, ids: readonly string[]): Promise<AdministrativeUnit[]> {
  const rows: Record<string, unknown>[] = await em.execute(`select ${unitsReadOnly.columns(em, 'u')} from administrative_unit u where u.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => unitsReadOnly.fromRow(em, row));
}

/** The province valid on a day (the newest when two overlap, as on the day of a merger), or null. */
export async function provinceOn(em: EntityManager, day: string): Promise<AdministrativeUnit | null> {
  const [row]: Record<string, unknown>[] = await em.execute(
    `select ${unitsReadOnly.columns(em, 'u')} from administrative_unit u where u.level = 'PROVINCE' and ${validOnClause('u')} order by u.valid_from desc nulls last limit 1`,
    [day, day],
  );
  return row ? unitsReadOnly.fromRow(em, row) : null;
}

/** `valid_from <= day <= valid_to`, open ends counting as always. */
export function validOnClause(alias: string): string {
  return `(${alias}.valid_from is null or ${alias}.valid_from <= ?::date) and (${alias}.valid_to is null or ${alias}.valid_to >= ?::date)`;
}

function conditions(query: UnitQuery): Conditions {
  const where = new Conditions();
  if (query.search) where.addPart(textMatch('u.search_text', query.search));
  if (query.levels?.length) where.add('u.level = any(?::text[])', pgArray(query.levels));
  if (query.withinPath) where.add(`u.path like ? and u.path <> ?`, `${query.withinPath}%`, query.withinPath);
  if (query.validOn) where.add(validOnClause('u'), query.validOn, query.validOn);
  return where;
}

function sortOf(query: UnitQuery): { select: string; params: unknown[]; spec: SortSpec } {
  if (query.search) {
    return { ...rankSortKey(textRank('u.search_text', query.search)), spec: { expr: 't.sort_key', direction: 'asc', cast: 'float8' } };
  }
  return { select: 'u.name', params: [], spec: { expr: 't.sort_key', direction: 'asc', cast: 'text' } };
}

/** One keyset page of units, by relevance when searching, else by name. */
export async function findUnits(em: EntityManager, query: UnitQuery, seek: Seek): Promise<UnitRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const rows = await keysetPage<Record<string, unknown> & { sort_key: unknown }>(em, {
    inner: `select ${unitsReadOnly.columns(em, 'u')}, ${sort.select} as sort_key from administrative_unit u where ${where.toSql()}`,
    params: [...sort.params, ...where.params],
    spec: sort.spec,
    seek,
  });
  return rows.map((row) => ({ unit: unitsReadOnly.fromRow(em, row), sortKey: sortValue(row.sort_key) }));
}

export async function countUnits(em: EntityManager, query: UnitQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from administrative_unit u where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

/** Children of several units at once, valid on a day (or all periods), by name. */
export async function findChildren(em: EntityManager, parentIds: readonly string[], validOn: string | null): Promise<AdministrativeUnit[]> {
  const where = new Conditions().add('u.parent_id = any(?::uuid[])', pgArray(parentIds));
  if (validOn) where.add(validOnClause('u'), validOn, validOn);
  const rows: Record<string, unknown>[] = await em.execute(
    `select ${unitsReadOnly.columns(em, 'u')} from administrative_unit u where ${where.toSql()} order by u.name, u.id`,
    where.params,
  );
  return rows.map((row) => unitsReadOnly.fromRow(em, row));
}

/** The unit with a code valid on a day; null when none, and the newest when periods overlap. */
export async function findUnitByCode(em: EntityManager, code: string, validOn: string): Promise<AdministrativeUnit | null> {
  const rows: Record<string, unknown>[] = await em.execute(
    `select ${unitsReadOnly.columns(em, 'u')} from administrative_unit u where u.code = ? and ${validOnClause('u')}
      order by u.valid_from desc nulls last limit 1`,
    [code, validOn, validOn],
  );
  return rows[0] ? unitsReadOnly.fromRow(em, rows[0]) : null;
}

/** Recomputes every materialized path from the parent links; returns how many changed. */
export async function rebuildUnitPaths(em: EntityManager): Promise<number> {
  const result = await em.execute<QueryResult>(
    `with recursive tree as (
       select id, '/' || id || '/' as path from administrative_unit where parent_id is null
       union all
       select child.id, tree.path || child.id || '/' from administrative_unit child join tree on child.parent_id = tree.id
     )
     update administrative_unit u set path = tree.path from tree where u.id = tree.id and u.path <> tree.path`,
    [],
    'run',
  );
  return result.affectedRows;
}

/**
 * Links each unit that ended to the unit that took it over: the one with the successor code
 * that exists on the day after it ended.
 */
export async function resolveSuccessors(em: EntityManager): Promise<number> {
  const result = await em.execute<QueryResult>(
    `update administrative_unit u set successor_id = s.id
       from administrative_unit s
      where u.successor_code is not null and u.valid_to is not null
        and s.code = u.successor_code and s.id <> u.id
        and (s.valid_from is null or s.valid_from <= u.valid_to + 1)
        and (s.valid_to is null or s.valid_to > u.valid_to)
        and u.successor_id is distinct from s.id`,
    [],
    'run',
  );
  return result.affectedRows;
}
