import type { EntityManager } from '@mikro-orm/postgresql';
import { keysetPage, type SortSpec, type Seek } from '../infra/keyset';
import { pgArray } from '../infra/sql';

export interface HoursRow {
  key: string;
  verifiedHours: number;
  pendingHours: number;
  logs: number;
}

export interface YearTotals {
  byMonth: HoursRow[];
  byTopic: HoursRow[];
  bySource: HoursRow[];
  total: HoursRow;
}

/** A log with multiple topics counts its full hours in each; voided and rejected logs count nowhere. */
export async function sumYearOfCitizen(em: EntityManager, citizenId: string, year: number): Promise<YearTotals> {
  const rows = await em.execute<{ dimension: string; key: string; verified: string; pending: string; logs: string }[]>(
    `with logs as (
       select * from learning_log
        where citizen_id = ? and occurred_on >= make_date(?, 1, 1) and occurred_on < make_date(? + 1, 1, 1) and status in ('VERIFIED', 'PENDING')
     ), sums(dimension, key, verified, pending, logs) as (
       select 'month', to_char(occurred_on, 'YYYY-MM'), sum(hours) filter (where status = 'VERIFIED'), sum(hours) filter (where status = 'PENDING'), count(*) from logs group by 2
       union all
       select 'topic', topic, sum(hours) filter (where status = 'VERIFIED'), sum(hours) filter (where status = 'PENDING'), count(*) from logs cross join unnest(topics) topic group by 2
       union all
       select 'source', source, sum(hours) filter (where status = 'VERIFIED'), sum(hours) filter (where status = 'PENDING'), count(*) from logs group by 2
       union all
       select 'total', '', sum(hours) filter (where status = 'VERIFIED'), sum(hours) filter (where status = 'PENDING'), count(*) from logs
     )
     select dimension, key, coalesce(verified, 0)::text as verified, coalesce(pending, 0)::text as pending, logs::text as logs from sums order by dimension, key`,
    [citizenId, year, year],
  );
  const of = (dimension: string) =>
    rows.filter((row) => row.dimension === dimension).map((row) => ({ key: row.key, verifiedHours: Number(row.verified), pendingHours: Number(row.pending), logs: Number(row.logs) }));
  return { byMonth: of('month'), byTopic: of('topic'), bySource: of('source'), total: of('total')[0] ?? { key: '', verifiedHours: 0, pendingHours: 0, logs: 0 } };
}

export interface LogPageRow {
  id: string;
  sort_key: string;
}

const NEWEST_FIRST: SortSpec = { expr: 't.sort_key', direction: 'desc', cast: 'text' };
const OLDEST_FIRST: SortSpec = { expr: 't.sort_key', direction: 'asc', cast: 'text' };

/** A citizen's logs, newest day first (ties by recording time), optionally of one year. */
export function findLogsOfCitizen(em: EntityManager, citizenId: string, year: number | null, seek: Seek): Promise<LogPageRow[]> {
  const yearClause = year === null ? 'true' : 'l.occurred_on >= make_date(?, 1, 1) and l.occurred_on < make_date(? + 1, 1, 1)';
  return keysetPage<LogPageRow>(em, {
    inner: `select l.id, to_char(l.occurred_on, 'YYYY-MM-DD') || to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as sort_key
              from learning_log l where l.citizen_id = ? and ${yearClause}`,
    params: year === null ? [citizenId] : [citizenId, year, year],
    spec: NEWEST_FIRST,
    seek,
  });
}

export async function countLogsOfCitizen(em: EntityManager, citizenId: string, year: number | null): Promise<number> {
  const yearClause = year === null ? '' : 'and occurred_on >= make_date(?, 1, 1) and occurred_on < make_date(? + 1, 1, 1)';
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from learning_log where citizen_id = ? ${yearClause}`, year === null ? [citizenId] : [citizenId, year, year]);
  return Number(row?.count ?? 0);
}

/** Which pending logs a queue holds: those of citizens living under these unit paths, or naming these institutions. */
export type QueueScope = { unitPaths: string[] | 'all' } | { institutionId: string };

function queueWhere(scope: QueueScope): { sql: string; params: unknown[] } {
  if ('institutionId' in scope) return { sql: 'l.institution_id = ?', params: [scope.institutionId] };
  if (scope.unitPaths === 'all') return { sql: 'true', params: [] };
  return {
    sql: 'exists (select 1 from citizen c join administrative_unit u on u.id = c.residence_id where c.id = l.citizen_id and u.path like any(?::text[]))',
    params: [pgArray(scope.unitPaths.map((path) => `${path}%`))],
  };
}

/** Pending logs of a queue, oldest first. */
export function findPendingLogs(em: EntityManager, scope: QueueScope, seek: Seek): Promise<LogPageRow[]> {
  const where = queueWhere(scope);
  return keysetPage<LogPageRow>(em, {
    inner: `select l.id, to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as sort_key from learning_log l where l.status = 'PENDING' and ${where.sql}`,
    params: where.params,
    spec: OLDEST_FIRST,
    seek,
  });
}

export async function countPendingLogs(em: EntityManager, scope: QueueScope): Promise<number> {
  const where = queueWhere(scope);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from learning_log l where l.status = 'PENDING' and ${where.sql}`, where.params);
  return Number(row?.count ?? 0);
}

/** VERIFIED hours per topic and the programmes with a verified log, of a citizen in a year: what plan progress reads. */
export async function verifiedProgressOfCitizen(em: EntityManager, citizenId: string, year: number): Promise<{ hoursByTopic: Map<string, number>; programmeIds: Set<string> }> {
  const rows = await em.execute<{ topic: string | null; programme_id: string | null; hours: string }[]>(
    `select topic, null as programme_id, sum(hours)::text as hours from learning_log cross join unnest(topics) topic
      where citizen_id = ? and status = 'VERIFIED' and occurred_on >= make_date(?, 1, 1) and occurred_on < make_date(? + 1, 1, 1) group by topic
     union all
     select distinct null, s.programme_id, '0' from learning_log l join programme_session s on s.id = l.session_id
      where l.citizen_id = ? and l.status = 'VERIFIED' and l.occurred_on >= make_date(?, 1, 1) and l.occurred_on < make_date(? + 1, 1, 1)`,
    [citizenId, year, year, citizenId, year, year],
  );
  return {
    hoursByTopic: new Map(rows.flatMap((row) => (row.topic ? [[row.topic, Number(row.hours)] as [string, number]] : []))),
    programmeIds: new Set(rows.flatMap((row) => (row.programme_id ? [row.programme_id] : []))),
  };
}

export interface EnrollmentPageRow {
  id: string;
  sort_key: string;
}

/** A citizen's enrollments, latest request first. */
export function findEnrollmentsOfCitizen(em: EntityManager, citizenId: string, seek: Seek): Promise<EnrollmentPageRow[]> {
  return keysetPage<EnrollmentPageRow>(em, {
    inner: `select e.id, to_char(e.requested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as sort_key from enrollment e where e.citizen_id = ?`,
    params: [citizenId],
    spec: NEWEST_FIRST,
    seek,
  });
}

/** A session's enrollments (optionally of one status), in waitlist order. */
export function findEnrollmentsOfSession(em: EntityManager, sessionId: string, status: string | null, seek: Seek): Promise<EnrollmentPageRow[]> {
  return keysetPage<EnrollmentPageRow>(em, {
    inner: `select e.id, to_char(e.requested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as sort_key from enrollment e where e.session_id = ? and (?::text is null or e.status = ?::text)`,
    params: [sessionId, status, status],
    spec: OLDEST_FIRST,
    seek,
  });
}

/** A session's attendance records, by citizen name. */
export function findAttendanceOfSession(em: EntityManager, sessionId: string, seek: Seek): Promise<EnrollmentPageRow[]> {
  return keysetPage<EnrollmentPageRow>(em, {
    inner: `select a.id, c.full_name as sort_key from attendance a join citizen c on c.id = a.citizen_id where a.session_id = ?`,
    params: [sessionId],
    spec: OLDEST_FIRST,
    seek,
  });
}

export async function countRows(em: EntityManager, table: 'enrollment' | 'attendance', column: 'citizen_id' | 'session_id', id: string): Promise<number> {
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${table} where ${column} = ?`, [id]);
  return Number(row?.count ?? 0);
}
