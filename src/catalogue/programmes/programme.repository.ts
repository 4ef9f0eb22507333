import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../../infra/read-only-entities';
import { keysetPage, lateralPageSql, sortValue, type SortKey, type SortSpec, type Seek } from '../../infra/keyset';
import { Conditions, pgArray } from '../../infra/sql';
import type { InstitutionKind, ProgrammeFormat, ProgrammeKind, ProgrammeStatus, Topic } from '../catalogue.enums';
import { distanceParams, distanceSql, withinRadiusParams, withinRadiusSql } from '../geo';
import type { Near } from '../geo.types';
import { Programme } from './programme.entity';
import { programmeVisible, type DraftAccess } from '../visibility';
import { rankSortKey, type TextSearch } from '../text-search';
import { programmeSearchMatch, programmeSearchRank } from './programme-search';

export type ProgrammeSort = 'NEWEST' | 'TITLE' | 'DISTANCE' | 'RELEVANCE';

export interface ProgrammeQuery {
  unitPath: string | null;
  institutionId: string | null;
  institutionKinds: InstitutionKind[] | null;
  kinds: ProgrammeKind[] | null;
  topics: Topic[] | null;
  formats: ProgrammeFormat[] | null;
  statuses: ProgrammeStatus[];
  search: TextSearch | null;
  near: Near | null;
  sort: ProgrammeSort;
  drafts: DraftAccess;
}

export interface ProgrammeRow {
  programme: Programme;
  sortKey: SortKey;
  distanceMetres: number | null;
}

/** Read-only Programmes made from rows (see ReadOnlyEntities). */
const programmesReadOnly = ReadOnlyEntities.of(Programme);

/** Programmes by id, in no particular order; ids without a row are left out. */
export async function findProgrammesByIds(em: EntityManager, ids: readonly string[]): Promise<Programme[]> {
  const rows: Record<string, unknown>[] = await em.execute(`select ${programmesReadOnly.columns(em, 'p')} from programme p where p.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => programmesReadOnly.fromRow(em, row));
}

function conditions(query: ProgrammeQuery): Conditions {
  const where = new Conditions().add('p.status = any(?::text[])', pgArray(query.statuses));
  programmeVisible(where, query.drafts);
  if (query.unitPath) where.add('i.unit_id in (select id from administrative_unit where path like ?)', `${query.unitPath}%`);
  if (query.institutionId) where.add('p.institution_id = ?', query.institutionId);
  if (query.institutionKinds?.length) where.add('i.kind = any(?::text[])', pgArray(query.institutionKinds));
  if (query.kinds?.length) where.add('p.kind = any(?::text[])', pgArray(query.kinds));
  if (query.topics?.length) where.add('p.topics && ?::text[]', pgArray(query.topics));
  if (query.formats?.length) where.add('p.format = any(?::text[])', pgArray(query.formats));
  if (query.search) where.addPart(programmeSearchMatch(query.search));
  if (query.near) where.add(withinRadiusSql('i.earth_point'), ...withinRadiusParams(query.near));
  return where;
}

function sortOf(query: ProgrammeQuery): { select: string; params: unknown[]; spec: SortSpec } {
  const spec = (cast: SortSpec['cast'], direction: SortSpec['direction'] = 'asc'): SortSpec => ({ expr: 't.sort_key', direction, cast });
  switch (query.sort) {
    case 'RELEVANCE':
      return query.search ? { ...rankSortKey(programmeSearchRank(query.search)), spec: spec('float8') } : { select: '0::float8', params: [], spec: spec('float8') };
    case 'DISTANCE':
      return query.near
        ? { select: distanceSql('i.earth_point'), params: distanceParams(query.near), spec: spec('float8') }
        : { select: '0::float8', params: [], spec: spec('float8') };
    case 'TITLE':
      return { select: 'p.title', params: [], spec: spec('text') };
    case 'NEWEST':
      return { select: 'p.created_at', params: [], spec: spec('timestamptz', 'desc') };
  }
}

const FROM = 'programme p join institution i on i.id = p.institution_id';

export async function findProgrammes(em: EntityManager, query: ProgrammeQuery, seek: Seek): Promise<ProgrammeRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const distance = query.near ? distanceSql('i.earth_point') : 'null::float8';
  const rows = await keysetPage<Record<string, unknown> & { sort_key: unknown; distance_m: number | null }>(em, {
    inner: `select ${programmesReadOnly.columns(em, 'p')}, ${sort.select} as sort_key, ${distance} as distance_m from ${FROM} where ${where.toSql()}`,
    params: [...sort.params, ...(query.near ? distanceParams(query.near) : []), ...where.params],
    spec: sort.spec,
    seek,
  });
  return rows.map((row) => ({ programme: programmesReadOnly.fromRow(em, row), sortKey: sortValue(row.sort_key), distanceMetres: row.distance_m }));
}

export async function countProgrammes(em: EntityManager, query: ProgrammeQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${FROM} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

const NEWEST_FIRST: SortSpec = { expr: 'p.created_at', direction: 'desc', cast: 'timestamptz' };

function ofInstitutionConditions(statuses: ProgrammeStatus[], drafts: DraftAccess): Conditions {
  const where = new Conditions().add('p.status = any(?::text[])', pgArray(statuses));
  programmeVisible(where, drafts);
  return where;
}

/**
 * Each institution's page of programmes, newest first, in one statement for all institutions;
 * with `counted`, each row carries its institution's count of programmes (else null).
 */
export async function findProgrammesOfInstitutions(
  em: EntityManager,
  institutionIds: readonly string[],
  statuses: ProgrammeStatus[],
  drafts: DraftAccess,
  seek: Seek,
  counted = false,
): Promise<{ parentId: string; programme: Programme; createdAt: Date; total: number | null }[]> {
  const where = ofInstitutionConditions(statuses, drafts);
  const page = lateralPageSql({ table: 'programme', alias: 'p', parentColumn: 'p.institution_id', where: where.toSql(), sort: NEWEST_FIRST, idExpr: 'p.id', seek, counted });
  const rows: (Record<string, unknown> & { parent_id: string; total_count?: string })[] = await em.execute(page.sql, [
    pgArray(institutionIds),
    ...where.params,
    ...page.seekParams,
  ]);
  // The driver returns timestamps as text; the entity holds them as Dates.
  return rows.map((row) => {
    const programme = programmesReadOnly.fromRow(em, row);
    return { parentId: row.parent_id, programme, createdAt: programme.createdAt, total: row.total_count === undefined ? null : Number(row.total_count) };
  });
}

export async function countProgrammesOfInstitutions(
  em: EntityManager,
  institutionIds: readonly string[],
  statuses: ProgrammeStatus[],
  drafts: DraftAccess,
): Promise<Map<string, number>> {
  const where = ofInstitutionConditions(statuses, drafts).add('p.institution_id = any(?::uuid[])', pgArray(institutionIds));
  const rows: { parent_id: string; count: string }[] = await em.execute(
    `select p.institution_id as parent_id, count(*) from programme p where ${where.toSql()} group by 1`,
    where.params,
  );
  return new Map(rows.map((row) => [row.parent_id, Number(row.count)]));
}
