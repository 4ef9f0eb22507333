import type { EntityManager } from '@mikro-orm/postgresql';
import { countSubjects } from '../progress/progress.repository';
import { RunPhase, RunPhaseStatus, RunStatus, SubjectKind } from './engine.enums';
import { PHASES } from './phases';
import type { PhaseSubjects, TitleRun } from './run.entity';

/** The run's first estimate of every phase's subjects, from one count over the subtree. */
export async function estimatePhaseSubjects(em: EntityManager, unitPath: string, year: number): Promise<PhaseSubjects> {
  const counts = await countSubjects(em, unitPath, year);
  const estimate: PhaseSubjects = {};
  for (const { phase, title } of PHASES) {
    switch (title.subjectKind) {
      case SubjectKind.CITIZEN:
        estimate[phase] = counts.citizens;
        break;
      case SubjectKind.HOUSEHOLD:
        estimate[phase] = counts.households;
        break;
      case SubjectKind.CLAN:
        estimate[phase] = counts.clans;
        break;
      case SubjectKind.ORGANISATION:
        estimate[phase] = counts.organisations;
        break;
      case SubjectKind.UNIT:
        estimate[phase] = title.unitLevel ? (counts.units[title.unitLevel] ?? 0) : 0;
        break;
    }
  }
  return estimate;
}

/**
 * The share of a run's work done, from 0 to 1: each phase weighs its subjects plus one (its
 * planning and clean-up, so a phase without subjects still moves the bar), the current phase
 * counts the subjects written so far. Below 1 until the run has finished.
 */
export function overallFraction(subjects: PhaseSubjects, phasesDone: readonly RunPhase[], current: { phase: RunPhase; done: number } | null): number {
  const weight = (phase: RunPhase) => (subjects[phase] ?? 0) + 1;
  const all = PHASES.reduce((sum, { phase }) => sum + weight(phase), 0);
  const finished = PHASES.filter(({ phase }) => phasesDone.includes(phase)).reduce((sum, { phase }) => sum + weight(phase), 0);
  const running = current && !phasesDone.includes(current.phase) ? Math.min(current.done, weight(current.phase) - 1) : 0;
  return Math.min(0.9999, (finished + running) / all);
}

/** Seconds until the estimated end while running (at least 1), 0 once succeeded, null otherwise. */
export function secondsLeft(run: Pick<TitleRun, 'status' | 'estimatedEndAt'>, now: Date): number | null {
  if (run.status === RunStatus.SUCCEEDED) return 0;
  if (run.status !== RunStatus.RUNNING || !run.estimatedEndAt) return null;
  return Math.max(1, Math.ceil((run.estimatedEndAt.getTime() - now.getTime()) / 1000));
}

/** Every phase in order: done ones with the subjects they wrote, the current one as far as it got, the rest estimated. */
export function phaseProgress(run: Pick<TitleRun, 'phase' | 'phasesDone' | 'subjectsDone' | 'subjectsTotal' | 'phaseSubjects' | 'counts' | 'status'>): PhaseProgress[] {
  return PHASES.map(({ phase }) => {
    const finished = run.counts?.[phase];
    if (run.phasesDone.includes(phase)) {
      const written = finished ? finished.meets + finished.notYet + finished.awaiting : (run.phaseSubjects?.[phase] ?? 0);
      return { phase, status: RunPhaseStatus.DONE, subjects: written, counted: true, subjectsDone: written };
    }
    if (run.status === RunStatus.RUNNING && run.phase === phase) {
      const counted = run.subjectsTotal !== null;
      return { phase, status: RunPhaseStatus.RUNNING, subjects: run.subjectsTotal ?? run.phaseSubjects?.[phase] ?? 0, counted, subjectsDone: run.subjectsDone };
    }
    return { phase, status: RunPhaseStatus.PENDING, subjects: run.phaseSubjects?.[phase] ?? 0, counted: false, subjectsDone: 0 };
  });
}

export interface PhaseProgress {
  phase: RunPhase;
  status: RunPhaseStatus;
  subjects: number;
  counted: boolean;
  subjectsDone: number;
}
