import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../../infra/read-only-entities';
import { keysetPage, lateralPageSql, sortValue, type SortKey, type SortSpec, type Seek } from '../../infra/keyset';
import { Conditions, pgArray } from '../../infra/sql';
import { ProgrammeStatus, SessionStatus, type ProgrammeFormat, type ProgrammeKind, type Topic } from '../catalogue.enums';
import { distanceParams, distanceSql, withinRadiusParams, withinRadiusSql } from '../geo';
import type { Near } from '../geo.types';
import { ProgrammeSession } from './session.entity';
import { Programme } from './programme.entity';
import type { TextSearch } from '../text-search';
import { programmeSearchMatch } from './programme-search';
import { programmeVisible, type DraftAccess } from '../visibility';

export type SessionSort = 'START_TIME' | 'DISTANCE';

export interface SessionQuery {
  unitPath: string | null;
  institutionId: string | null;
  programmeId: string | null;
  kinds: ProgrammeKind[] | null;
  topics: Topic[] | null;
  formats: ProgrammeFormat[] | null;
  from: Date;
  to: Date | null;
  includeCancelled: boolean;
  search: TextSearch | null;
  near: Near | null;
  sort: SessionSort;
  drafts: DraftAccess;
}

export interface SessionRow {
  session: ProgrammeSession;
  sortKey: SortKey;
  distanceMetres: number | null;
}

/** Read-only ProgrammeSessions made from rows (see ReadOnlyEntities). */
const sessionsReadOnly = ReadOnlyEntities.of(ProgrammeSession);

/** Sessions by id, in no particular order; ids without a row are left out. */
export async function findSessionsByIds(em: EntityManager, ids: readonly string[]): Promise<ProgrammeSession[]> {
  const rows: Record<string, unknown>[] = await em.execute(`select ${sessionsReadOnly.columns(em, 's')} from programme_session s where s.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => sessionsReadOnly.fromRow(em, row));
}

function conditions(query: SessionQuery): Conditions {
  const where = new Conditions().add('s.ends_at >= ?', query.from);
  programmeVisible(where, query.drafts);
  if (query.to) where.add('s.starts_at < ?', query.to);
  if (!query.includeCancelled) where.add(`s.status = '${SessionStatus.SCHEDULED}'`);
  if (query.unitPath) where.add('i.unit_id in (select id from administrative_unit where path like ?)', `${query.unitPath}%`);
  if (query.institutionId) where.add('s.institution_id = ?', query.institutionId);
  if (query.programmeId) where.add('s.programme_id = ?', query.programmeId);
  if (query.kinds?.length) where.add('p.kind = any(?::text[])', pgArray(query.kinds));
  if (query.topics?.length) where.add('p.topics && ?::text[]', pgArray(query.topics));
  if (query.formats?.length) where.add('p.format = any(?::text[])', pgArray(query.formats));
  if (query.search) where.addPart(programmeSearchMatch(query.search));
  if (query.near) where.add(withinRadiusSql('i.earth_point'), ...withinRadiusParams(query.near));
  return where;
}

const FROM = 'programme_session s join programme p on p.id = s.programme_id join institution i on i.id = s.institution_id';

/** One keyset page of sessions, soonest or nearest first. */
export async function findSessions(em: EntityManager, query: SessionQuery, seek: Seek): Promise<SessionRow[]> {
  const where = conditions(query);
  const byDistance = query.sort === 'DISTANCE' && query.near;
  const sortSelect = byDistance ? distanceSql('i.earth_point') : 's.starts_at';
  const spec: SortSpec = { expr: 't.sort_key', direction: 'asc', cast: byDistance ? 'float8' : 'timestamptz' };
  const distance = query.near ? distanceSql('i.earth_point') : 'null::float8';
  const rows = await keysetPage<Record<string, unknown> & { sort_key: unknown; distance_m: number | null }>(em, {
    inner: `select ${sessionsReadOnly.columns(em, 's')}, ${sortSelect} as sort_key, ${distance} as distance_m from ${FROM} where ${where.toSql()}`,
    params: [...(byDistance && query.near ? distanceParams(query.near) : []), ...(query.near ? distanceParams(query.near) : []), ...where.params],
    spec,
    seek,
  });
  return rows.map((row) => ({ session: sessionsReadOnly.fromRow(em, row), sortKey: sortValue(row.sort_key), distanceMetres: row.distance_m }));
}

export async function countSessions(em: EntityManager, query: SessionQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${FROM} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

export interface SessionsOfParent {
  /** `programme_id` or `institution_id`. */
  parentColumn: 'programme_id' | 'institution_id';
  from: Date;
  includeCancelled: boolean;
  /** Only sessions of published programmes (for the public "upcoming" lists). */
  publishedOnly: boolean;
}

const START_ORDER: SortSpec = { expr: 's.starts_at', direction: 'asc', cast: 'timestamptz' };

const programmesReadOnly = ReadOnlyEntities.of(Programme);
const PROGRAMME_PREFIX = 'programme__';

/**
 * Each parent's page of sessions, soonest first, in one statement for all parents; with
 * `withProgramme`, each session's programme is read in the same statement.
 */
export async function findSessionsOfParents(
  em: EntityManager,
  parentIds: readonly string[],
  options: SessionsOfParent,
  seek: Seek,
  withProgramme = false,
): Promise<{ parentId: string; session: ProgrammeSession; startsAt: Date; programme: Programme | null }[]> {
  const where = sessionsOfParentConditions(options);
  const page = lateralPageSql({
    table: 'programme_session',
    alias: 's',
    parentColumn: `s.${options.parentColumn}`,
    where: where.toSql(),
    sort: START_ORDER,
    idExpr: 's.id',
    seek,
    along: withProgramme ? { join: 'join programme sp on sp.id = s.programme_id', columns: programmesReadOnly.columns(em, 'sp', PROGRAMME_PREFIX) } : undefined,
  });
  const rows: (Record<string, unknown> & { parent_id: string })[] = await em.execute(page.sql, [pgArray(parentIds), ...where.params, ...page.seekParams]);
  // The driver returns timestamps as text; the entity holds them as Dates.
  return rows.map((row) => {
    const session = sessionsReadOnly.fromRow(em, row);
    const programme = withProgramme ? programmesReadOnly.fromRow(em, row, PROGRAMME_PREFIX) : null;
    return { parentId: row.parent_id, session, startsAt: session.startsAt, programme };
  });
}

export async function countSessionsOfParents(em: EntityManager, parentIds: readonly string[], options: SessionsOfParent): Promise<Map<string, number>> {
  const where = sessionsOfParentConditions(options).add(`s.${options.parentColumn} = any(?::uuid[])`, pgArray(parentIds));
  const rows: { parent_id: string; count: string }[] = await em.execute(
    `select s.${options.parentColumn} as parent_id, count(*) from programme_session s where ${where.toSql()} group by 1`,
    where.params,
  );
  return new Map(rows.map((row) => [row.parent_id, Number(row.count)]));
}

function sessionsOfParentConditions(options: SessionsOfParent): Conditions {
  const where = new Conditions().add('s.ends_at >= ?', options.from);
  if (!options.includeCancelled) where.add(`s.status = '${SessionStatus.SCHEDULED}'`);
  if (options.publishedOnly) {
    where.add(`exists (select 1 from programme p where p.id = s.programme_id and p.status = '${ProgrammeStatus.PUBLISHED}')`);
  }
  return where;
}
