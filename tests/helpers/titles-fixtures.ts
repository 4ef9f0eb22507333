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

/** A province, one of its communes and a hamlet of that commune: the smallest tree a titles run goes through. */
export async function insertCommuneWithHamlet(em: EntityManager): Promise<{ province: UnitRow; commune: UnitRow; hamlet: UnitRow }> {
  const province = await insertUnit(em, 'PROVINCE', null);
  const commune = await insertUnit(em, 'COMMUNE', province);
  return { province, commune, hamlet: await insertUnit(em, 'HAMLET', commune) };
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

const REGISTERED_LONG_AGO = '2000-01-01T00:00:00Z';

/** Registered (created) long ago unless `registeredAt` says when, since the engine counts a citizen only from the year of registration. */
export async function insertCitizen(em: EntityManager, residence: UnitRow, birthYear: number, accountId: string | null = null, registeredAt = REGISTERED_LONG_AGO): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into citizen (id, created_at, updated_at, full_name, birth_year, gender, residence_id, account_id) values (?, ?, now(), ?, ?, 'FEMALE', ?, ?)`, [
    id,
    registeredAt,
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
/** Every indicator of LEARNING_CITIZEN in VN-2024 (the AUTO_OR_ATTESTED ones included). */
export const CITIZEN_CODES = ['READING', 'LEARNING_PLAN', 'COMMUNITY_ACTIVITIES', 'DIGITAL_SKILLS', 'FOREIGN_LANGUAGE', ...ATTESTED_CODES] as const;

/** Makes a citizen a Learning Citizen of the year: an assessor's 10 on each of the ten indicators (100 points). */
export async function attestLearningCitizen(em: EntityManager, citizenIds: string[], unit: UnitRow, year: number): Promise<void> {
  await em.execute(
    `insert into title_attestation (id, created_at, updated_at, subject_kind, subject_id, title_kind, indicator_code, year, unit_id, score)
     select gen_random_uuid(), now(), now(), 'CITIZEN', c, 'LEARNING_CITIZEN', code, ?, ?, 10 from unnest(?::uuid[]) c cross join unnest(?::text[]) code`,
    [year, unit.id, `{${citizenIds.join(',')}}`, `{${CITIZEN_CODES.join(',')}}`],
  );
}

/** `count` citizens of a unit born in `birthYear`, in one statement; their ids in insertion order. */
export async function insertCitizens(em: EntityManager, residence: UnitRow, birthYear: number, count: number): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into citizen (id, created_at, updated_at, full_name, birth_year, gender, residence_id)
     select gen_random_uuid(), ?::timestamptz + n * interval '1 microsecond', now(), 'Công dân ' || n, ?, 'MALE', ? from generate_series(1, ?::int) n returning id, created_at`,
    [REGISTERED_LONG_AGO, birthYear, residence.id, count],
  );
  return rows.map((row) => row.id);
}

export async function insertHousehold(em: EntityManager, hamlet: UnitRow, memberIds: string[], validFrom = '2000-01-01'): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into household (id, created_at, updated_at, name, hamlet_id, head_id) values (?, now(), now(), ?, ?, ?)`, [id, `Hộ ${serial}`, hamlet.id, memberIds[0]]);
  for (const citizenId of memberIds) {
    await em.execute(`insert into household_membership (id, created_at, updated_at, household_id, citizen_id, valid_from) values (gen_random_uuid(), now(), now(), ?, ?, ?)`, [id, citizenId, validFrom]);
  }
  return id;
}

export async function insertClan(em: EntityManager, unit: UnitRow, householdIds: string[]): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into clan (id, created_at, updated_at, name, unit_id) values (?, now(), now(), ?, ?)`, [id, `Dòng họ ${serial}`, unit.id]);
  for (const householdId of householdIds) {
    await em.execute(`insert into clan_membership (id, created_at, updated_at, clan_id, household_id, valid_from) values (gen_random_uuid(), now(), now(), ?, ?, '2000-01-01')`, [id, householdId]);
  }
  return id;
}

export async function insertOrganisation(em: EntityManager, unit: UnitRow, kind: string, members: { citizenIds: string[]; role: 'STAFF' | 'LEARNER' }[]): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into organisation (id, created_at, updated_at, name, kind, unit_id) values (?, now(), now(), ?, ?, ?)`, [id, `Cơ quan ${serial}`, kind, unit.id]);
  for (const { citizenIds, role } of members) {
    await em.execute(
      `insert into organisation_membership (id, created_at, updated_at, organisation_id, citizen_id, role, valid_from)
       select gen_random_uuid(), now(), now(), ?, c, ?, '2000-01-01' from unnest(?::uuid[]) c`,
      [id, role, `{${citizenIds.join(',')}}`],
    );
  }
  return id;
}

/** An assessor's entry for a household, clan, organisation or unit: a score (points rules) or met / not met (checklists). */
export async function insertSubjectAttestation(
  em: EntityManager,
  subject: { kind: 'HOUSEHOLD' | 'CLAN' | 'ORGANISATION' | 'UNIT'; id: string; unitLevel?: string },
  unit: UnitRow,
  year: number,
  entries: Record<string, number | boolean>,
): Promise<void> {
  const titleKind = { HOUSEHOLD: 'LEARNING_FAMILY', CLAN: 'LEARNING_CLAN', ORGANISATION: 'LEARNING_UNIT', UNIT: 'LEARNING_COMMUNITY' }[subject.kind];
  for (const [code, value] of Object.entries(entries)) {
    await em.execute(
      `insert into title_attestation (id, created_at, updated_at, subject_kind, subject_id, title_kind, unit_level, indicator_code, year, unit_id, score, met)
       values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [subject.kind, subject.id, titleKind, subject.unitLevel ?? null, code, year, unit.id, typeof value === 'number' ? value : null, typeof value === 'boolean' ? value : null],
    );
  }
}
