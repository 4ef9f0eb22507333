import { Check, DecimalType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { RunPhase, RunStatus, RunTrigger } from './engine.enums';
import { TitleRuleset } from '../rulesets/ruleset.entity';

/** How many subjects of a run ended in each status. */
export interface RunCounts {
  meets: number;
  notYet: number;
  awaiting: number;
}

/** Subjects per phase: estimated when the run starts, then as each phase counts them. */
export type PhaseSubjects = Partial<Record<RunPhase, number>>;

/**
 * One recalculation of the titles of a unit's subtree for a year. At most one is QUEUED or
 * RUNNING per unit and year (a partial unique index). Phases recorded in `phasesDone` are skipped
 * when a job is retried; the interrupted one is redone from its start (its writes are upserts).
 */
@Entity({ tableName: 'title_run' })
@Index({
  name: 'title_run_active_unique',
  expression: `create unique index "title_run_active_unique" on "title_run" ("unit_id", "year") where status in ('QUEUED', 'RUNNING')`,
})
@Index({ properties: ['unit', 'year', 'createdAt'] })
@Check({ name: 'title_run_year_range', expression: '(year >= 2000) and (year <= 2100)' })
export class TitleRun extends BaseEntity<
  'status' | 'phase' | 'phasesDone' | 'subjectsDone' | 'subjectsTotal' | 'phaseSubjects' | 'progress' | 'estimatedEndAt' | 'counts' | 'rowsWritten' | 'attempts' | 'ruleset' | 'startedAt' | 'phaseStartedAt' | 'finishedAt' | 'durationMs' | 'error' | 'requestedBy'
> {
  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: () => RunStatus, default: RunStatus.QUEUED })
  status: RunStatus = RunStatus.QUEUED;

  @Enum({ items: () => RunTrigger })
  trigger!: RunTrigger;

  /** The phase being (or last) evaluated. */
  @Enum({ items: () => RunPhase, nullable: true })
  phase: RunPhase | null = null;

  @Enum({ items: () => RunPhase, array: true, default: [] })
  phasesDone: RunPhase[] = [];

  /** Subjects written so far in the current phase. */
  @Property({ type: 'integer', default: 0 })
  subjectsDone = 0;

  /** Subjects the current phase evaluates. */
  @Property({ type: 'integer', nullable: true })
  subjectsTotal: number | null = null;

  /** Subjects of every phase: estimated when the run starts, then as each phase counts its own. */
  @Property({ type: 'json', nullable: true })
  phaseSubjects: PhaseSubjects | null = null;

  /** The share of the whole run done, 0 to 1 (see overallFraction); it never goes back. */
  @Property({ type: new DecimalType('number'), precision: 5, scale: 4, default: 0 })
  progress = 0;

  /** When the run should end at the pace so far; it never moves later, and stays ahead of now while the run goes on. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  estimatedEndAt: Date | null = null;

  /** Per finished phase, how many subjects ended in each status. */
  @Property({ type: 'json', nullable: true })
  counts: Partial<Record<RunPhase, RunCounts>> | null = null;

  /** Progress rows (and their monthly history rows) written, over every phase. */
  @Property({ type: 'integer', default: 0 })
  rowsWritten = 0;

  /** How many times a worker started it (2 or more after a crash or a retry). */
  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  /** The ruleset in force for the year, chosen when the run starts. */
  @ManyToOne(() => TitleRuleset, { nullable: true })
  ruleset: TitleRuleset | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  phaseStartedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  durationMs: number | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  requestedBy: Account | null = null;
}
