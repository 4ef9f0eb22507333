import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Rows for the titles engine's tests and benchmark, written with plain SQL so that a test states
 * exactly the records a hand computation starts from (logs in any status, any day).
 */

export interface UnitRow {
  id: string;
  path: string;
}

let serial = 0;
const code = () => `T${process.pid % 10_000}${(serial += 1)}`;

export async function insertUnit(em: EntityManager, level: string, parent: UnitRow | null, options: { disadvantaged?: boolean; name?: string } = {}): Promise<UnitRow> {
  const id = randomUUID();
  const path = `${parent?.path ?? '/'}${id}/`;
  await em.execute(
    `insert into administrative_unit (id, created_at, updated_at, code, name, level, parent_id, path, disadvantaged) values (?, now(), now(), ?, ?, ?, ?, ?, ?)`,
    [id, code(), options.name ?? `Đơn vị ${serial}`, level, parent?.id ?? null, path, options.disadvantaged ?? false],
  );
  return { id, path };
}

export async function insertInstitution(em: EntityManager, unit: UnitRow, kind: string): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into institution (id, created_at, updated_at, unit_id, name, kind) values (?, now(), now(), ?, ?, ?)`, [id, unit.id, `Thiết chế ${kind} ${serial}`, kind]);
  return id;
}

export async function insertProgramme(em: EntityManager, institutionId: string): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into programme (id, created_at, updated_at, institution_id, title, kind, topics, format, status) values (?, now(), now(), ?, 'Chương trình', 'COURSE', '{OTHER}', 'IN_PERSON', 'PUBLISHED')`,
    [id, institutionId],
  );
  return id;
}

export async function insertSession(em: EntityManager, programmeId: string, institutionId: string, day: string): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into programme_session (id, created_at, updated_at, programme_id, institution_id, starts_at, ends_at, credited_hours) values (?, now(), now(), ?, ?, ?::date + time '08:00', ?::date + time '10:00', 2)`,
    [id, programmeId, institutionId, day, day],
  );
  return id;
}

export async function insertCitizen(em: EntityManager, residence: UnitRow, birthYear: number, accountId: string | null = null): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into citizen (id, created_at, updated_at, full_name, birth_year, gender, residence_id, account_id) values (?, now(), now(), ?, ?, 'FEMALE', ?, ?)`, [
    id,
    `Công dân ${serial}`,
    birthYear,
    residence.id,
    accountId,
  ]);
  return id;
}

export interface LogFields {
  day: string;
  hours: number;
  source?: 'ATTENDANCE' | 'RESOURCE_STUDY' | 'SELF_DECLARED' | 'IMPORT';
  topics?: string[];
  result?: 'PARTICIPATED' | 'COMPLETED';
  status?: 'PENDING' | 'VERIFIED';
  sessionId?: string | null;
  institutionId?: string | null;
}

export async function insertLog(em: EntityManager, citizenId: string, fields: LogFields): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into learning_log (id, created_at, updated_at, citizen_id, source, session_id, institution_id, occurred_on, hours, topics, result, status)
     values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?::text[], ?, ?)`,
    [
      id,
      citizenId,
      fields.source ?? 'SELF_DECLARED',
      fields.sessionId ?? null,
      fields.institutionId ?? null,
      fields.day,
      fields.hours,
      `{${(fields.topics ?? ['OTHER']).join(',')}}`,
      fields.result ?? 'PARTICIPATED',
      fields.status ?? 'VERIFIED',
    ],
  );
  return id;
}

export async function voidLog(em: EntityManager, logId: string): Promise<void> {
  await em.execute(`update learning_log set status = 'VOIDED', status_reason = 'Ghi nhầm', status_changed_at = now() where id = ?`, [logId]);
}

export async function insertGoal(em: EntityManager, citizenId: string, year: number, goal: { topic: string; targetHours: number } | { programmeId: string }): Promise<void> {
  await em.execute(`insert into learning_goal (id, created_at, updated_at, citizen_id, year, topic, target_hours, programme_id) values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?)`, [
    citizenId,
    year,
    'topic' in goal ? goal.topic : null,
    'topic' in goal ? goal.targetHours : null,
    'programmeId' in goal ? goal.programmeId : null,
  ]);
}

export async function insertAttestation(em: EntityManager, citizenId: string, unit: UnitRow, year: number, indicatorCode: string, score: number): Promise<void> {
  await em.execute(
    `insert into title_attestation (id, created_at, updated_at, subject_kind, subject_id, title_kind, indicator_code, year, unit_id, score)
     values (gen_random_uuid(), now(), now(), 'CITIZEN', ?, 'LEARNING_CITIZEN', ?, ?, ?, ?)`,
    [citizenId, indicatorCode, year, unit.id, score],
  );
}

/** The five ATTESTED indicators of LEARNING_CITIZEN in VN-2024. */
export const ATTESTED_CODES = ['ENCOURAGES_LEARNING', 'NUMERACY', 'CRITICAL_THINKING', 'RELATIONS', 'COOPERATION'] as const;

/** The id of the published VN-2024 ruleset the migrations ship. */
export async function vn2024Id(em: EntityManager): Promise<string> {
  const [row] = await em.execute<{ id: string }[]>(`select id from title_ruleset where code = 'VN-2024' and status = 'PUBLISHED' order by version limit 1`);
  if (!row) throw new Error('VN-2024 is not in the database');
  return row.id;
}

/** A stored progress row as a run would leave it, for tests that start from given statuses. */
export async function insertProgress(
  em: EntityManager,
  subject: { kind?: string; id: string; titleKind?: string; unitLevel?: string | null },
  unit: UnitRow,
  year: number,
  row: { rulesetId: string; status: 'MEETS_CRITERIA' | 'NOT_YET' | 'AWAITING_ASSESSMENT'; total: number; indicators?: { code: string; source: string; score: number | null; value: number | null }[] },
): Promise<void> {
  await em.execute(
    `insert into title_progress (id, created_at, updated_at, subject_kind, subject_id, title_kind, unit_level, year, unit_id, ruleset_id, indicators, total, threshold, disadvantaged, status, level_reached, computed_at)
     values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 80, false, ?, ?, now())`,
    [
      subject.kind ?? 'CITIZEN',
      subject.id,
      subject.titleKind ?? 'LEARNING_CITIZEN',
      subject.unitLevel ?? null,
      year,
      unit.id,
      row.rulesetId,
      JSON.stringify(row.indicators ?? []),
      row.total,
      row.status,
      row.status === 'MEETS_CRITERIA' ? 1 : 0,
    ],
  );
}
