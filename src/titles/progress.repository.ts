import type { EntityManager } from '@mikro-orm/postgresql';
import { citizenEvaluation, CITIZEN_MIN_AGE, type CitizenScope, type EvaluatedIndicator, type PointsRule } from './citizen-evaluation.sql';
import { ProgressStatus, SubjectKind } from './engine.enums';
import type { IndicatorScore } from './progress.entity';
import type { RunCounts } from './run.entity';
import { fill, frag } from './sql-fragment';
import type { TitleKind } from './titles.enums';

/** The criteria of one title as the evaluation reads them. */
export interface Criteria {
  rulesetId: string;
  rule: PointsRule;
  indicators: EvaluatedIndicator[];
}

/** One evaluated subject, as live progress returns it (the run writes the same columns). */
export interface EvaluatedRow {
  subjectId: string;
  unitId: string;
  disadvantaged: boolean;
  indicators: IndicatorScore[];
  total: number;
  threshold: number | null;
  status: ProgressStatus;
  levelReached: number;
}

interface RawEvaluatedRow {
  id: string;
  unit_id: string;
  disadvantaged: boolean;
  indicators: IndicatorScore[];
  total: string;
  threshold: string | null;
  status: ProgressStatus;
  level_reached: number;
}

function toRow(raw: RawEvaluatedRow): EvaluatedRow {
  return {
    subjectId: raw.id,
    unitId: raw.unit_id,
    disadvantaged: raw.disadvantaged,
    indicators: raw.indicators.map((i) => ({ ...i, score: i.score === null ? null : Number(i.score), value: i.value === null ? null : Number(i.value) })),
    total: Number(raw.total),
    threshold: raw.threshold === null ? null : Number(raw.threshold),
    status: raw.status,
    levelReached: raw.level_reached,
  };
}

/** LEARNING_CITIZEN of one citizen for a year, computed now; null when the citizen is under 15 (or unknown). */
export async function evaluateCitizen(em: EntityManager, citizenId: string, year: number, criteria: Criteria): Promise<EvaluatedRow | null> {
  const evaluation = citizenEvaluation({ citizenId }, year, criteria.rule, criteria.indicators);
  const [raw] = await em.execute<RawEvaluatedRow[]>(`${evaluation.sql} select * from evaluated`, evaluation.params);
  return raw ? toRow(raw) : null;
}

/**
 * Transactional on its own statement, idempotent. Evaluates the citizens of a batch of residence
 * units and upserts their progress rows and this month's history rows in one statement; returns
 * how many ended in each status.
 */
export async function upsertCitizenBatch(
  em: EntityManager,
  scope: Extract<CitizenScope, { residenceIds: string[] }>,
  year: number,
  criteria: Criteria,
  run: { id: string; month: string },
): Promise<RunCounts> {
  const statement = fill(
    `{evaluation}, upserted as (
       insert into title_progress (id, created_at, updated_at, subject_kind, subject_id, title_kind, unit_level, year, unit_id, ruleset_id,
                                   indicators, total, threshold, disadvantaged, status, level_reached, computed_at, run_id)
       select gen_random_uuid(), now(), now(), 'CITIZEN', id, 'LEARNING_CITIZEN', null, {year}, unit_id, {rulesetId},
              indicators, total, threshold, disadvantaged, status, level_reached, now(), {runId}
         from evaluated
       on conflict (subject_kind, subject_id, title_kind, unit_level, year) do update
         set updated_at = now(), unit_id = excluded.unit_id, ruleset_id = excluded.ruleset_id, indicators = excluded.indicators,
             total = excluded.total, threshold = excluded.threshold, disadvantaged = excluded.disadvantaged, status = excluded.status,
             level_reached = excluded.level_reached, computed_at = excluded.computed_at, run_id = excluded.run_id
       returning subject_kind, subject_id, title_kind, unit_level, year, ruleset_id, total, status, level_reached, computed_at
     ), history as (
       insert into title_progress_month (id, created_at, updated_at, subject_kind, subject_id, title_kind, unit_level, year, month, ruleset_id, total, status, level_reached, computed_at)
       select gen_random_uuid(), now(), now(), subject_kind, subject_id, title_kind, unit_level, year, {month}, ruleset_id, total, status, level_reached, computed_at
         from upserted
       on conflict (subject_kind, subject_id, title_kind, unit_level, year, month) do update
         set updated_at = now(), ruleset_id = excluded.ruleset_id, total = excluded.total, status = excluded.status,
             level_reached = excluded.level_reached, computed_at = excluded.computed_at
     )
     select status, count(*)::int as count from upserted group by status`,
    {
      evaluation: citizenEvaluation(scope, year, criteria.rule, criteria.indicators),
      year: frag('?::int', year),
      rulesetId: frag('?::uuid', criteria.rulesetId),
      runId: frag('?::uuid', run.id),
      month: frag('?::date', run.month),
    },
  );
  const rows = await em.execute<{ status: ProgressStatus; count: number }[]>(statement.sql, statement.params);
  const count = (status: ProgressStatus) => rows.find((row) => row.status === status)?.count ?? 0;
  return { meets: count(ProgressStatus.MEETS_CRITERIA), notYet: count(ProgressStatus.NOT_YET), awaiting: count(ProgressStatus.AWAITING_ASSESSMENT) };
}

export interface CitizenBatch {
  residenceIds: string[];
  subjects: number;
}

/**
 * The citizens aged 15+ of a subtree, grouped by residence unit into batches of about `size`
 * citizens (a unit larger than that is a batch of its own), in a stable order.
 */
export async function planCitizenBatches(em: EntityManager, unitPath: string, year: number, size: number): Promise<CitizenBatch[]> {
  const rows = await em.execute<{ unit_id: string; subjects: number }[]>(
    `select c.residence_id as unit_id, count(*)::int as subjects
       from citizen c join administrative_unit u on u.id = c.residence_id
      where u.path like ? and c.birth_year <= ?::int
      group by c.residence_id order by c.residence_id`,
    [`${unitPath}%`, year - CITIZEN_MIN_AGE],
  );
  const batches: CitizenBatch[] = [];
  let current: CitizenBatch = { residenceIds: [], subjects: 0 };
  for (const row of rows) {
    if (current.subjects > 0 && current.subjects + row.subjects > size) {
      batches.push(current);
      current = { residenceIds: [], subjects: 0 };
    }
    current.residenceIds.push(row.unit_id);
    current.subjects += row.subjects;
  }
  if (current.subjects > 0) batches.push(current);
  return batches;
}

/**
 * Removes the progress rows of a subtree and year that the phase did not rewrite (citizens now
 * under 15, moved away or removed): rows computed before the phase started. Rows written meanwhile
 * by an overlapping run of a sub-unit are newer and stay.
 */
export async function deleteStaleProgress(em: EntityManager, subjectKind: SubjectKind, titleKind: TitleKind, unitPath: string, year: number, phaseStartedAt: Date): Promise<number> {
  return em.execute(
    `delete from title_progress p using administrative_unit u
      where u.id = p.unit_id and u.path like ? and p.subject_kind = ? and p.title_kind = ? and p.year = ?::int and p.computed_at < ?`,
    [`${unitPath}%`, subjectKind, titleKind, year, phaseStartedAt],
    'run',
  ).then((result) => (result as unknown as { affectedRows: number }).affectedRows);
}
