import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstitutionKind, ProgrammeFormat, ProgrammeKind, ProgrammeStatus, SessionStatus, Topic } from '../catalogue/catalogue.enums';
import { ProgrammeStatus as Status } from '../catalogue/catalogue.enums';
import { Conditions } from '../infra/sql';
import { FeedKind } from './feed-item.entity';

/** What a feed or page shows of an institution. */
export interface InstitutionRow {
  id: string;
  name: string;
  kind: InstitutionKind;
  description: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  openingHours: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  unitName: string;
}

/** What a feed or page shows of a programme, with its institution. */
export interface ProgrammeRow {
  id: string;
  status: ProgrammeStatus;
  title: string;
  description: string | null;
  kind: ProgrammeKind;
  topics: Topic[];
  format: ProgrammeFormat;
  language: string;
  feeVnd: number;
  cancellationReason: string | null;
  institution: InstitutionRow;
}

/** What a feed, calendar or page shows of a session. */
export interface SessionRow {
  id: string;
  programmeId: string;
  programmeStatus: ProgrammeStatus;
  programmeTitle: string;
  programmeDescription: string | null;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  capacity: number | null;
  updatedAt: Date;
  institutionName: string;
  institutionAddress: string | null;
}

/** A row of a feed: the item's change number and, unless it is gone from the public catalogue, the item itself. */
export interface FeedRow<T> {
  id: string;
  changeNumber: number;
  item: T | null;
}

const INSTITUTION_COLUMNS = `i.id as institution_id, i.name as institution_name, i.kind as institution_kind, i.description as institution_description,
  i.address as institution_address, i.latitude, i.longitude, i.opening_hours, i.phone, i.email, i.website, u.name as unit_name`;

const PROGRAMME_COLUMNS = `p.id, p.status, p.title, p.description, p.kind, p.topics, p.format, p.language, p.fee_vnd, p.cancellation_reason, ${INSTITUTION_COLUMNS}`;

const SESSION_COLUMNS = `s.id, s.programme_id, p.status as programme_status, p.title as programme_title, p.description as programme_description,
  s.status, s.starts_at, s.ends_at, s.place, s.capacity, s.updated_at, i.name as institution_name, i.address as institution_address`;

type Row = Record<string, unknown>;

/** The driver hands timestamps over as text. */
function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

function institutionOf(row: Row): InstitutionRow {
  return {
    id: row.institution_id as string,
    name: row.institution_name as string,
    kind: row.institution_kind as InstitutionKind,
    description: row.institution_description as string | null,
    address: row.institution_address as string | null,
    latitude: row.latitude as number | null,
    longitude: row.longitude as number | null,
    openingHours: row.opening_hours as string | null,
    phone: row.phone as string | null,
    email: row.email as string | null,
    website: row.website as string | null,
    unitName: row.unit_name as string,
  };
}

function programmeOf(row: Row): ProgrammeRow {
  return {
    id: row.id as string,
    status: row.status as ProgrammeStatus,
    title: row.title as string,
    description: row.description as string | null,
    kind: row.kind as ProgrammeKind,
    topics: row.topics as Topic[],
    format: row.format as ProgrammeFormat,
    language: row.language as string,
    feeVnd: row.fee_vnd as number,
    cancellationReason: row.cancellation_reason as string | null,
    institution: institutionOf(row),
  };
}

function sessionOf(row: Row): SessionRow {
  return {
    id: row.id as string,
    programmeId: row.programme_id as string,
    programmeStatus: row.programme_status as ProgrammeStatus,
    programmeTitle: row.programme_title as string,
    programmeDescription: row.programme_description as string | null,
    status: row.status as SessionStatus,
    startsAt: dateOf(row.starts_at),
    endsAt: dateOf(row.ends_at),
    place: row.place as string | null,
    capacity: row.capacity as number | null,
    updatedAt: dateOf(row.updated_at),
    institutionName: row.institution_name as string,
    institutionAddress: row.institution_address as string | null,
  };
}

const PUBLIC = `p.status <> '${Status.DRAFT}'`;
// A feed's item is public while its row exists and its programme is not a draft. A deleted row, or a draft that was
// published once, shows as deleted; a draft never published not at all.
const IN_FEED = `(p.id is null or ${PUBLIC} or p.published_at is not null)`;
const FEED_PUBLIC = `(p.id is not null and ${PUBLIC})`;

// The tables the columns above read, under the aliases they use.
const PROGRAMME_JOINS = 'programme p join institution i on i.id = p.institution_id join administrative_unit u on u.id = i.unit_id';
const SESSION_JOINS = 'programme_session s join programme p on p.id = s.programme_id join institution i on i.id = s.institution_id';
// The same from a feed's items, left-joined: an item whose row is deleted still comes back, as a tombstone.
const PROGRAMME_FEED_JOINS = 'left join programme p on p.id = f.item_id left join institution i on i.id = p.institution_id left join administrative_unit u on u.id = i.unit_id';
const SESSION_FEED_JOINS = 'left join programme_session s on s.id = f.item_id left join programme p on p.id = s.programme_id left join institution i on i.id = s.institution_id';

/** The items of a feed numbered after `after`, in change-number order; a deleted row or a draft shows as gone. */
async function feedRows<T>(em: EntityManager, kind: FeedKind, columns: string, joins: string, after: number, limit: number, itemOf: (row: Row) => T): Promise<FeedRow<T>[]> {
  const rows = await em.execute<Row[]>(
    `select f.item_id, f.change_number, ${FEED_PUBLIC} as public, ${columns}
     from feed_item f ${joins}
     where f.kind = ? and f.change_number > ? and ${IN_FEED}
     order by f.change_number limit ?`,
    [kind, after, limit],
  );
  return rows.map((row) => ({ id: row.item_id as string, changeNumber: Number(row.change_number), item: row.public ? itemOf(row) : null }));
}

export function programmeFeedRows(em: EntityManager, after: number, limit: number): Promise<FeedRow<ProgrammeRow>[]> {
  return feedRows(em, FeedKind.SessionSeries, PROGRAMME_COLUMNS, PROGRAMME_FEED_JOINS, after, limit, programmeOf);
}

export function sessionFeedRows(em: EntityManager, after: number, limit: number): Promise<FeedRow<SessionRow>[]> {
  return feedRows(em, FeedKind.ScheduledSession, SESSION_COLUMNS, SESSION_FEED_JOINS, after, limit, sessionOf);
}

/** Public sessions meeting `where`, by start time, at most `limit`. */
async function publicSessions(em: EntityManager, where: Conditions, limit: number): Promise<SessionRow[]> {
  where.add(PUBLIC);
  const rows = await em.execute<Row[]>(`select ${SESSION_COLUMNS} from ${SESSION_JOINS} where ${where.toSql()} order by s.starts_at, s.id limit ?`, [...where.params, limit]);
  return rows.map(sessionOf);
}

/** Where a calendar's sessions come from: one institution, or every institution of a unit's subtree. */
export type CalendarScope = { institutionId: string } | { unitId: string };

/** Public sessions of the scope not ended before `from`, by start time, at most `limit`. */
export function calendarSessions(em: EntityManager, scope: CalendarScope, from: Date, limit: number): Promise<SessionRow[]> {
  const where = new Conditions().add('s.ends_at >= ?', from);
  if ('institutionId' in scope) where.add('s.institution_id = ?', scope.institutionId);
  else where.add(`i.unit_id in (select d.id from administrative_unit d where d.path like (select a.path from administrative_unit a where a.id = ?) || '%')`, scope.unitId);
  return publicSessions(em, where, limit);
}

/** The name of the calendar's institution or unit; null when there is none with that id. */
export async function calendarName(em: EntityManager, scope: CalendarScope): Promise<string | null> {
  const [table, id] = 'institutionId' in scope ? ['institution', scope.institutionId] : ['administrative_unit', scope.unitId];
  const rows = await em.execute<{ name: string }[]>(`select name from ${table} where id = ?`, [id]);
  return rows[0]?.name ?? null;
}

export async function institutionById(em: EntityManager, id: string): Promise<InstitutionRow | null> {
  const rows = await em.execute<Row[]>(`select ${INSTITUTION_COLUMNS} from institution i join administrative_unit u on u.id = i.unit_id where i.id = ?`, [id]);
  return rows[0] ? institutionOf(rows[0]) : null;
}

/** A public programme; null for a draft or an unknown id. */
export async function publicProgrammeById(em: EntityManager, id: string): Promise<ProgrammeRow | null> {
  const rows = await em.execute<Row[]>(`select ${PROGRAMME_COLUMNS} from ${PROGRAMME_JOINS} where p.id = ? and ${PUBLIC}`, [id]);
  return rows[0] ? programmeOf(rows[0]) : null;
}

/** A public session; null for one of a draft programme or an unknown id. */
export async function publicSessionById(em: EntityManager, id: string): Promise<SessionRow | null> {
  const [session] = await publicSessions(em, new Conditions().add('s.id = ?', id), 1);
  return session ?? null;
}

/** A public programme's sessions not ended before `from`, by start time, at most `limit`. */
export function programmeSessions(em: EntityManager, programmeId: string, from: Date, limit: number): Promise<SessionRow[]> {
  return publicSessions(em, new Conditions().add('s.programme_id = ?', programmeId).add('s.ends_at >= ?', from), limit);
}

/** An institution's public programmes, newest first, at most `limit`. */
export async function institutionProgrammes(em: EntityManager, institutionId: string, limit: number): Promise<{ id: string; title: string }[]> {
  return em.execute<{ id: string; title: string }[]>(
    `select p.id, p.title from programme p where p.institution_id = ? and ${PUBLIC} order by p.published_at desc nulls last, p.id limit ?`,
    [institutionId, limit],
  );
}
