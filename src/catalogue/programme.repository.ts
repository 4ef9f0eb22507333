import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../infra/database';
import { keysetPage, lateralPageSql, sortValue, type SortKey, type SortSpec } from '../infra/keyset';
import { columnList, Conditions, pgArray } from '../infra/sql';
import type { InstitutionKind, ProgrammeFormat, ProgrammeKind, ProgrammeStatus, Topic } from './catalogue.enums';
import { distanceParams, distanceSql, withinRadiusParams, withinRadiusSql } from './geo';
import type { Near } from './geo.types';
import { Institution } from './institution.entity';
import { Programme } from './programme.entity';
import { programmeVisible, type DraftAccess } from './visibility';
import { textMatch, textMatchParams, textRank } from './text-search';

export type ProgrammeSort = 'NEWEST' | 'TITLE' | 'DISTANCE' | 'RELEVANCE';

export interface ProgrammeQuery {
  unitPath: string | null;
  institutionId: string | null;
  institutionKinds: InstitutionKind[] | null;
  kinds: ProgrammeKind[] | null;
  topics: Topic[] | null;
  formats: ProgrammeFormat[] | null;
  statuses: ProgrammeStatus[];
  search: string | null;
  near: Near | null;
  sort: ProgrammeSort;
  drafts: DraftAccess;
}

export interface ProgrammeRow {
  programme: Programme;
  sortKey: SortKey;
  distanceMetres: number | null;
}

/** A programme's columns as the driver returns them (timestamps as text). */
interface ProgrammeRecord {
  id: string;
  created_at: string;
  updated_at: string;
  institution_id: string;
  title: string;
  description: string | null;
  kind: Programme['kind'];
  topics: Programme['topics'];
  audiences: Programme['audiences'];
  format: Programme['format'];
  language: string;
  fee_vnd: number;
  status: Programme['status'];
  published_at: string | null;
  cancelled_at: string | null;
  cancellation_reason: string | null;
}

const COLUMNS: readonly (keyof ProgrammeRecord)[] = [
  'id', 'created_at', 'updated_at', 'institution_id', 'title', 'description', 'kind', 'topics', 'audiences', 'format',
  'language', 'fee_vnd', 'status', 'published_at', 'cancelled_at', 'cancellation_reason',
];

/** The columns a programme is read from (not the generated search text, which only SQL reads). */
function programmeColumns(alias: string): string {
  return columnList(alias, COLUMNS);
}

/** A read-only programme of a row (see ReadOnlyEntities), or the request's managed one. */
function programmeOf(em: EntityManager, row: ProgrammeRecord): Programme {
  return ReadOnlyEntities.of(Programme).read(em, row.id, (programme) => {
    const platform = em.getPlatform();
    programme.id = row.id;
    programme.createdAt = platform.parseDate(row.created_at);
    programme.updatedAt = platform.parseDate(row.updated_at);
    programme.institution = ReadOnlyEntities.of(Institution).reference(em, row.institution_id);
    programme.title = row.title;
    programme.description = row.description;
    programme.kind = row.kind;
    programme.topics = row.topics;
    programme.audiences = row.audiences;
    programme.format = row.format;
    programme.language = row.language;
    programme.feeVnd = row.fee_vnd;
    programme.status = row.status;
    programme.publishedAt = row.published_at === null ? null : platform.parseDate(row.published_at);
    programme.cancelledAt = row.cancelled_at === null ? null : platform.parseDate(row.cancelled_at);
    programme.cancellationReason = row.cancellation_reason;
  });
}

/** Programmes by id, in no particular order; ids without a row are left out. */
export async function findProgrammesByIds(em: EntityManager, ids: readonly string[]): Promise<Programme[]> {
  const rows: ProgrammeRecord[] = await em.execute(`select ${programmeColumns('p')} from programme p where p.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => programmeOf(em, row));
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
  if (query.search) where.add(textMatch('p.search_text'), ...textMatchParams(query.search));
  if (query.near) where.add(withinRadiusSql('i.earth_point'), ...withinRadiusParams(query.near));
  return where;
}

function sortOf(query: ProgrammeQuery): { select: string; params: unknown[]; spec: SortSpec } {
  const spec = (cast: SortSpec['cast'], direction: SortSpec['direction'] = 'asc'): SortSpec => ({ expr: 't.sort_key', direction, cast });
  switch (query.sort) {
    case 'RELEVANCE':
      return { select: `-${textRank('p.search_text')}`, params: [query.search ?? ''], spec: spec('float8') };
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

export async function findProgrammes(em: EntityManager, query: ProgrammeQuery, limit: number, after: SortKey[] | null): Promise<ProgrammeRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const distance = query.near ? distanceSql('i.earth_point') : 'null::float8';
  const rows = await keysetPage<ProgrammeRecord & { sort_key: unknown; distance_m: number | null }>(em, {
    inner: `select ${programmeColumns('p')}, ${sort.select} as sort_key, ${distance} as distance_m from ${FROM} where ${where.toSql()}`,
    params: [...sort.params, ...(query.near ? distanceParams(query.near) : []), ...where.params],
    spec: sort.spec,
    after,
    limit,
  });
  return rows.map((row) => ({ programme: programmeOf(em, row), sortKey: sortValue(row.sort_key), distanceMetres: row.distance_m }));
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

/** Each institution's page of programmes, newest first, in one statement for all institutions. */
export async function findProgrammesOfInstitutions(
  em: EntityManager,
  institutionIds: readonly string[],
  statuses: ProgrammeStatus[],
  drafts: DraftAccess,
  limit: number,
  after: SortKey[] | null,
): Promise<{ parentId: string; programme: Programme; createdAt: Date }[]> {
  const where = ofInstitutionConditions(statuses, drafts);
  const sql = lateralPageSql({ table: 'programme', alias: 'p', parentColumn: 'p.institution_id', where: where.toSql(), sort: NEWEST_FIRST, idExpr: 'p.id', hasAfter: after !== null });
  const rows: (ProgrammeRecord & { parent_id: string })[] = await em.execute(sql, [
    pgArray(institutionIds),
    ...where.params,
    ...(after ?? []),
    limit,
  ]);
  // The driver returns timestamps as text; the entity holds them as Dates.
  return rows.map((row) => {
    const programme = programmeOf(em, row);
    return { parentId: row.parent_id, programme, createdAt: programme.createdAt };
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
