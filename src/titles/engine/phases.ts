import type { EntityManager } from '@mikro-orm/postgresql';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { loadCitizenCriteria, loadCriteria } from './criteria';
import { RunPhase, SubjectKind } from './engine.enums';
import {
  planCitizenBatches,
  planGroupBatches,
  upsertCitizenBatch,
  upsertGroupBatch,
  inBatchTransaction,
  type ProgressTarget,
  type SubjectBatch,
  type SubjectTitle,
} from '../progress/progress.repository';
import type { RunCounts } from './run.entity';
import { TitleKind } from '../titles.enums';

/** What one phase of a run evaluates. */
export interface PhaseSpec {
  phase: RunPhase;
  title: SubjectTitle;
}

const group = (phase: RunPhase, subjectKind: SubjectKind, titleKind: TitleKind, unitLevel: UnitLevel | null = null): PhaseSpec => ({
  phase,
  title: { subjectKind, titleKind, unitLevel },
});

/**
 * The phases of a run, bottom-up (titles.md, order of evaluation): each level reads the titles of
 * the levels before it, so households and organisations follow citizens, clans households, and
 * each unit level the one below; the collectives' emulation checklists come last, reading the
 * Learning Unit and Learning Community titles.
 */
export const PHASES: readonly PhaseSpec[] = [
  group(RunPhase.CITIZENS, SubjectKind.CITIZEN, TitleKind.LEARNING_CITIZEN),
  group(RunPhase.HOUSEHOLDS, SubjectKind.HOUSEHOLD, TitleKind.LEARNING_FAMILY),
  group(RunPhase.ORGANISATIONS, SubjectKind.ORGANISATION, TitleKind.LEARNING_UNIT),
  group(RunPhase.CLANS, SubjectKind.CLAN, TitleKind.LEARNING_CLAN),
  group(RunPhase.HAMLETS, SubjectKind.UNIT, TitleKind.LEARNING_COMMUNITY, UnitLevel.HAMLET),
  group(RunPhase.COMMUNES, SubjectKind.UNIT, TitleKind.LEARNING_COMMUNITY, UnitLevel.COMMUNE),
  group(RunPhase.DISTRICTS, SubjectKind.UNIT, TitleKind.LEARNING_COMMUNITY, UnitLevel.DISTRICT),
  group(RunPhase.PROVINCES, SubjectKind.UNIT, TitleKind.LEARNING_COMMUNITY, UnitLevel.PROVINCE),
  group(RunPhase.EMULATION_ORGANISATIONS, SubjectKind.ORGANISATION, TitleKind.COLLECTIVE_EMULATION),
  group(RunPhase.EMULATION_COMMUNES, SubjectKind.UNIT, TitleKind.COLLECTIVE_EMULATION, UnitLevel.COMMUNE),
  group(RunPhase.EMULATION_DISTRICTS, SubjectKind.UNIT, TitleKind.COLLECTIVE_EMULATION, UnitLevel.DISTRICT),
  group(RunPhase.EMULATION_PROVINCES, SubjectKind.UNIT, TitleKind.COLLECTIVE_EMULATION, UnitLevel.PROVINCE),
];

export interface PhaseScope {
  rulesetId: string;
  unitPath: string;
  year: number;
  /** The day memberships must be valid on: 31 December, or the run's day while the year runs. */
  ref: string;
  batchSize: number;
  /** PostgreSQL work_mem of each batch's transaction, e.g. `64MB`. */
  workMem: string;
  /**
   * How many batches run at once, each on a connection of its own; 1 keeps every batch on `em`
   * (a dry run's temporary table is visible on its connection only).
   */
  concurrency: number;
}

export interface PhaseHooks {
  planned(total: number): Promise<void>;
  /** After each batch, with the subjects written so far. */
  batchDone(done: number, total: number): Promise<void>;
}

/**
 * Evaluates one level of a subtree in batches of home units, each batch one upsert statement.
 * Idempotent; a ruleset without a definition for the level evaluates nothing.
 */
export async function evaluatePhase(em: EntityManager, spec: PhaseSpec, scope: PhaseScope, target: ProgressTarget, hooks: PhaseHooks): Promise<RunCounts & { done: number; written: number }> {
  const counts = { meets: 0, notYet: 0, awaiting: 0, done: 0, written: 0 };
  const { subjectKind, titleKind, unitLevel } = spec.title;
  const citizens = subjectKind === SubjectKind.CITIZEN;
  const criteria = citizens ? await loadCitizenCriteria(em, scope.rulesetId) : await loadCriteria(em, scope.rulesetId, titleKind, unitLevel);
  let batches: SubjectBatch[] = [];
  if (criteria) {
    batches =
      subjectKind === SubjectKind.CITIZEN
        ? await planCitizenBatches(em, scope.unitPath, scope.year, scope.batchSize, scope.concurrency)
        : await planGroupBatches(em, subjectKind, unitLevel, scope.unitPath, scope.batchSize, scope.concurrency);
  }
  const total = batches.reduce((sum, batch) => sum + batch.subjects, 0);
  await hooks.planned(total);
  const evaluateBatch = (tx: EntityManager, batch: SubjectBatch) =>
    subjectKind === SubjectKind.CITIZEN
      ? upsertCitizenBatch(tx, { residenceIds: batch.unitIds }, scope.year, criteria as NonNullable<Awaited<ReturnType<typeof loadCitizenCriteria>>>, target)
      : upsertGroupBatch(tx, { kind: subjectKind, titleKind, unitLevel, homeUnitIds: batch.unitIds }, scope.year, scope.ref, criteria as NonNullable<typeof criteria>, target);
  let next = 0;
  let failed = false;
  // Reports go out one after the other, in the order of the counts: two lanes reporting at once
  // could otherwise land out of order and show a run's progress going back.
  let reported: Promise<void> = Promise.resolve();
  // Batches are independent: a lane takes the next one until none is left or another lane failed.
  const lane = async (laneEm: EntityManager) => {
    while (!failed && next < batches.length) {
      const batch = batches[next++] as SubjectBatch;
      const written = await inBatchTransaction(laneEm, scope.workMem, (tx) => evaluateBatch(tx, batch)).catch((error: unknown) => {
        failed = true;
        throw error;
      });
      counts.meets += written.meets;
      counts.notYet += written.notYet;
      counts.awaiting += written.awaiting;
      counts.done += written.meets + written.notYet + written.awaiting;
      counts.written += written.written;
      const done = counts.done;
      reported = reported.then(() => hooks.batchDone(done, total));
      await reported;
    }
  };
  const lanes = Math.max(1, Math.min(scope.concurrency, batches.length));
  // Settled, not all: a failed phase returns only once the other lanes' batches have ended.
  const ended = await Promise.allSettled(Array.from({ length: lanes }, () => lane(lanes === 1 ? em : em.fork())));
  const failure = ended.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
  if (failure) throw failure.reason;
  return counts;
}
