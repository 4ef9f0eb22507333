import type { EntityManager } from '@mikro-orm/postgresql';
import { citizenEvaluation, CITIZEN_MIN_AGE, type CitizenScope } from '../engine/citizen-evaluation.sql';
import type { EvaluatedIndicator, PassRule, PointsRule } from '../engine/evaluation.sql';
import { ProgressStatus, SubjectKind } from '../engine/engine.enums';
import type { IndicatorScore } from './progress.entity';
import type { RunCounts } from '../engine/run.entity';
import { fill, frag } from '../engine/sql-fragment';
import { TitleKind } from '../titles.enums';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { groupEvaluation, type GroupScope } from '../engine/group-evaluation.sql';
import { titleKindOf } from '../subject-units';
import type { Fragment } from '../engine/sql-fragment';

/** The criteria of one title as the evaluation reads them. */
export interface Criteria {
  rulesetId: string;
  rule: PassRule;
  indicators: EvaluatedIndicator[];
}

/** Criteria of LEARNING_CITIZEN, always a points rule. */
export type CitizenCriteria = Criteria & { rule: PointsRule };

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
export async function evaluateCitizen(em: EntityManager, citizenId: string, year: number, criteria: CitizenCriteria): Promise<EvaluatedRow | null> {
  const evaluation = citizenEvaluation({ citizenId }, year, criteria.rule, criteria.indicators);
  const [raw] = await em.execute<RawEvaluatedRow[]>(`${evaluation.sql} select * from evaluated`, evaluation.params);
  return raw ? toRow(raw) : null;
}

/** Where a phase writes: `title_progress` with this month's history, or a dry run's temporary table without. */
export interface ProgressTarget {
  table: string;
  /** The run and the month of its history rows; null for a dry run, which keeps no history. */
  run: { id: string; month: string } | null;
}

export const STORED: (run: { id: string; month: string }) => ProgressTarget = (run) => ({ table: 'title_progress', run });

/** Whom an upsert writes for: the subject kind, its title and the unit level of LEARNING_COMMUNITY. */
export interface SubjectTitle {
  subjectKind: SubjectKind;
  titleKind: TitleKind;
  unitLevel: UnitLevel | null;
}

/** What one upsert did: how many evaluated subjects ended in each status, and how many rows it wrote. */
export type UpsertResult = RunCounts & { written: number };

/**
 * Transactional on its own statement, idempotent. Upserts the rows of an evaluation (and, for a
 * run, this month's history rows) in one statement; returns how many ended in each status. New
 * rows get time-ordered ids, so a batch's inserts share the primary keys' last pages.
 *
 * A stored row whose values are those evaluated is left as it is, its computed_at and run_id
 * included: a monthly run over a year that did not change writes only the month's history rows,
 * one for every subject evaluated, the month's record (and what deleteStaleProgress keeps).
 */
async function upsertEvaluated(em: EntityManager, evaluation: Fragment, title: SubjectTitle, year: number, rulesetId: string, target: ProgressTarget): Promise<UpsertResult> {
  const history = target.run
    ? `, history as (
       insert into title_progress_month (id, created_at, updated_at, subject_kind, subject_id, title_kind, unit_level, year, month, ruleset_id, total, status, level_reached, computed_at)
       select uuid_time_ordered(), now(), now(), {subjectKind}, id, {titleKind}, {unitLevel}, {year}, {month}, {rulesetId}, total, status, level_reached, now()
         from evaluated
       on conflict (subject_kind, subject_id, title_kind, unit_level, year, month) do update
         set updated_at = now(), ruleset_id = excluded.ruleset_id, total = excluded.total, status = excluded.status,
             level_reached = excluded.level_reached, computed_at = excluded.computed_at
       returning 1
     )`
    : '';
  const statement = fill(
    `{evaluation}, upserted as (
       insert into ${target.table} as p (id, created_at, updated_at, subject_kind, subject_id, title_kind, unit_level, year, unit_id, ruleset_id,
                                   indicators, total, threshold, disadvantaged, status, level_reached, computed_at, run_id)
       select uuid_time_ordered(), now(), now(), {subjectKind}, id, {titleKind}, {unitLevel}, {year}, unit_id, {rulesetId},
              indicators, total, threshold, disadvantaged, status, level_reached, now(), {runId}
         from evaluated
       on conflict (subject_kind, subject_id, title_kind, unit_level, year) do update
         set updated_at = now(), unit_id = excluded.unit_id, ruleset_id = excluded.ruleset_id, indicators = excluded.indicators,
             total = excluded.total, threshold = excluded.threshold, disadvantaged = excluded.disadvantaged, status = excluded.status,
             level_reached = excluded.level_reached, computed_at = excluded.computed_at, run_id = excluded.run_id
       where (p.unit_id, p.ruleset_id, p.indicators, p.total, p.threshold, p.disadvantaged, p.status, p.level_reached)
             is distinct from (excluded.unit_id, excluded.ruleset_id, excluded.indicators, excluded.total, excluded.threshold,
                               excluded.disadvantaged, excluded.status, excluded.level_reached)
       returning 1
     )${history}
     select status, count(*)::int as count,
            (select count(*)::int from upserted)${target.run ? ' + (select count(*)::int from history)' : ''} as written
       from evaluated group by status`,
    {
      evaluation,
      subjectKind: frag('?::text', title.subjectKind),
      titleKind: frag('?::text', title.titleKind),
      unitLevel: frag('?::text', title.unitLevel),
      year: frag('?::int', year),
      rulesetId: frag('?::uuid', rulesetId),
      runId: frag('?::uuid', target.run?.id ?? null),
      ...(target.run ? { month: frag('?::date', target.run.month) } : {}),
    },
  );
  const rows = await em.execute<{ status: ProgressStatus; count: number; written: number }[]>(statement.sql, statement.params);
  const count = (status: ProgressStatus) => rows.find((row) => row.status === status)?.count ?? 0;
  return { meets: count(ProgressStatus.MEETS_CRITERIA), notYet: count(ProgressStatus.NOT_YET), awaiting: count(ProgressStatus.AWAITING_ASSESSMENT), written: rows[0]?.written ?? 0 };
}

/** The PostgreSQL settings of a batch's transaction (see inBatchTransaction). */
export function batchSettings(workMem: string): Record<string, string> {
  return { work_mem: workMem, jit: 'off', random_page_cost: '1.1' };
}

/**
 * Runs `work` in a transaction (a savepoint inside one) whose sorts and hashes may each use
 * `workMem`, without JIT: the batch statements' costs pass jit_above_cost, and compiling their
 * ~160 functions took 2.3 s of a 5.8 s batch. Index reads are priced as on SSD or in memory
 * (random_page_cost 1.1): at the default 4, meant for spinning disks, a batch of 20,000 households
 * scanned all 1,000,000 citizens to join its 66,000 members, a third of its time. The settings end
 * with the transaction.
 */
export function inBatchTransaction<T>(em: EntityManager, workMem: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional(async (tx) => {
    const settings = Object.entries(batchSettings(workMem));
    await tx.execute(`select ${settings.map(() => 'set_config(?, ?, true)').join(', ')}`, settings.flat());
    return work(tx);
  });
}

/** Evaluates the citizens of a batch of residence units and upserts their progress. Idempotent. */
export function upsertCitizenBatch(
  em: EntityManager,
  scope: Extract<CitizenScope, { residenceIds: string[] }>,
  year: number,
  criteria: CitizenCriteria,
  target: ProgressTarget,
): Promise<UpsertResult> {
  const title = { subjectKind: SubjectKind.CITIZEN, titleKind: TitleKind.LEARNING_CITIZEN, unitLevel: null };
  return upsertEvaluated(em, citizenEvaluation(scope, year, criteria.rule, criteria.indicators), title, year, criteria.rulesetId, target);
}

/**
 * Evaluates the households, organisations, clans or units of a batch of home units and upserts
 * their progress; `ref` is the day memberships must be valid on. Idempotent.
 */
export function upsertGroupBatch(em: EntityManager, scope: GroupScope, year: number, ref: string, criteria: Criteria, target: ProgressTarget): Promise<UpsertResult> {
  const title = { subjectKind: scope.kind, titleKind: scope.titleKind ?? titleKindOf(scope.kind), unitLevel: scope.unitLevel };
  const evaluation = groupEvaluation(scope, year, ref, criteria.rule, criteria.indicators, { table: target.table });
  return upsertEvaluated(em, evaluation, title, year, criteria.rulesetId, target);
}

export interface SubjectBatch {
  /** Residence units of citizens; home units of the other subjects. */
  unitIds: string[];
  subjects: number;
}

/**
 * Groups units with their number of subjects into batches of at most about `batchSize` subjects, in
 * order. The number of batches is a multiple of `lanes` and the units are cut at even shares of
 * the total, so that every round of the lanes has a batch for each and they end together: 161,598
 * citizens in 20,000s were 9 batches, two lanes ran the ninth alone; 60,000 households were 3.
 * A unit stays whole (a larger one is a batch of its own), so batches differ by up to a unit.
 */
function batchesOf(rows: { unit_id: string; subjects: number }[], batchSize: number, lanes: number): SubjectBatch[] {
  const total = rows.reduce((sum, row) => sum + row.subjects, 0);
  const width = Math.max(1, lanes);
  const count = Math.ceil(Math.ceil(total / batchSize) / width) * width;
  const batches: SubjectBatch[] = [];
  let before = 0;
  let currentIndex = -1;
  for (const row of rows) {
    // The share of the total the unit's middle falls in.
    const index = Math.floor(((before + row.subjects / 2) * count) / total);
    before += row.subjects;
    if (index !== currentIndex || !batches.length) {
      batches.push({ unitIds: [], subjects: 0 });
      currentIndex = index;
    }
    const current = batches[batches.length - 1] as SubjectBatch;
    current.unitIds.push(row.unit_id);
    current.subjects += row.subjects;
  }
  return batches;
}

/** The citizens aged 15+ of a subtree, grouped by residence unit into batches, in a stable order. */
export async function planCitizenBatches(em: EntityManager, unitPath: string, year: number, size: number, lanes: number): Promise<SubjectBatch[]> {
  const rows = await em.execute<{ unit_id: string; subjects: number }[]>(
    `select c.residence_id as unit_id, count(*)::int as subjects
       from citizen c join administrative_unit u on u.id = c.residence_id
      where u.path like ? and c.birth_year <= ?::int
      group by c.residence_id order by c.residence_id`,
    [`${unitPath}%`, year - CITIZEN_MIN_AGE],
  );
  return batchesOf(rows, size, lanes);
}

const HOME_UNITS: Record<GroupScope['kind'], string> = {
  [SubjectKind.HOUSEHOLD]: 'select hamlet_id as unit_id from household',
  [SubjectKind.CLAN]: 'select unit_id from clan',
  [SubjectKind.ORGANISATION]: 'select unit_id from organisation',
  [SubjectKind.UNIT]: 'select id as unit_id from administrative_unit where level = ?::text',
};

/**
 * How many subjects each kind of a subtree has: citizens aged 15+, households, clans,
 * organisations and units per level. One statement; a run's first estimate of its phases.
 */
export async function countSubjects(em: EntityManager, unitPath: string, year: number): Promise<{ citizens: number; households: number; clans: number; organisations: number; units: Partial<Record<UnitLevel, number>> }> {
  const path = `${unitPath}%`;
  const [row] = await em.execute<{ citizens: number; households: number; clans: number; organisations: number; units: Partial<Record<UnitLevel, number>> | null }[]>(
    `with scope as (select id, level from administrative_unit where path like ?)
     select (select count(*)::int from citizen c join scope on scope.id = c.residence_id where c.birth_year <= ?::int) as citizens,
            (select count(*)::int from (${HOME_UNITS[SubjectKind.HOUSEHOLD]}) s join scope on scope.id = s.unit_id) as households,
            (select count(*)::int from (${HOME_UNITS[SubjectKind.CLAN]}) s join scope on scope.id = s.unit_id) as clans,
            (select count(*)::int from (${HOME_UNITS[SubjectKind.ORGANISATION]}) s join scope on scope.id = s.unit_id) as organisations,
            (select jsonb_object_agg(level, n) from (select level, count(*)::int as n from scope group by level) l) as units`,
    [path, year - CITIZEN_MIN_AGE],
  );
  return { citizens: row?.citizens ?? 0, households: row?.households ?? 0, clans: row?.clans ?? 0, organisations: row?.organisations ?? 0, units: row?.units ?? {} };
}

/** The households, organisations, clans or units of a level in a subtree, grouped by home unit into batches. */
export async function planGroupBatches(em: EntityManager, kind: GroupScope['kind'], unitLevel: UnitLevel | null, unitPath: string, size: number, lanes: number): Promise<SubjectBatch[]> {
  const rows = await em.execute<{ unit_id: string; subjects: number }[]>(
    `select s.unit_id, count(*)::int as subjects
       from (${HOME_UNITS[kind]}) s join administrative_unit u on u.id = s.unit_id
      where u.path like ?
      group by s.unit_id order by s.unit_id`,
    kind === SubjectKind.UNIT ? [unitLevel, `${unitPath}%`] : [`${unitPath}%`],
  );
  return batchesOf(rows, size, lanes);
}

/**
 * Removes the progress rows of a subtree and year that the phase did not evaluate (citizens now
 * under 15, moved away or removed): rows without a history row of the run's month written since
 * the phase started. An unchanged row keeps its older computed_at, so that alone does not tell;
 * rows written meanwhile by an overlapping run of a sub-unit are newer and stay.
 */
export async function deleteStaleProgress(em: EntityManager, title: SubjectTitle, unitPath: string, year: number, month: string, phaseStartedAt: Date): Promise<number> {
  return em.execute(
    `delete from title_progress p using administrative_unit u
      where u.id = p.unit_id and u.path like ? and p.subject_kind = ? and p.title_kind = ? and p.unit_level is not distinct from ?::text and p.year = ?::int and p.computed_at < ?
        and not exists (select 1 from title_progress_month m
                         where m.subject_kind = p.subject_kind and m.subject_id = p.subject_id and m.title_kind = p.title_kind
                           and m.unit_level is not distinct from p.unit_level and m.year = p.year and m.month = ?::date and m.updated_at >= ?)`,
    [`${unitPath}%`, title.subjectKind, title.titleKind, title.unitLevel, year, phaseStartedAt, month, phaseStartedAt],
    'run',
  ).then((result) => (result as unknown as { affectedRows: number }).affectedRows);
}
