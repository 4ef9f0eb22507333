import { Entity, Enum, Index, ManyToOne, OneToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import { BaseEntity } from '../../infra/base.entity';
import { ReportPeriod } from '../periods/report-period.entity';
import { ReportStatus } from '../reports.enums';
import { ReportSnapshot } from '../snapshots/report-snapshot.entity';

/** The sections a body writes in its report, each free text. */
export const NARRATIVE_SECTIONS = ['achievements', 'policies', 'propaganda', 'models', 'difficulties', 'proposals'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export type Narrative = Record<NarrativeSection, string | null>;

/**
 * One version of a body's report for a period. A draft is edited by the body's officers; once
 * submitted its figures are a snapshot and the row never changes again except for the
 * Department's verdict; a correction is the next version.
 */
@Entity({ tableName: 'report' })
@Unique({ properties: ['period', 'body', 'version'] })
@Index({ properties: ['body'] })
export class Report extends BaseEntity<
  'status' | NarrativeSection | 'snapshot' | 'submittedAt' | 'submittedBy' | 'late' | 'reviewedAt' | 'reviewedBy' | 'returnReason' | 'preparedBy'
> {
  @ManyToOne(() => ReportPeriod)
  period!: ReportPeriod;

  @ManyToOne(() => Body)
  body!: Body;

  @Property({ type: 'integer' })
  version!: number;

  @Enum({ items: () => ReportStatus, default: ReportStatus.DRAFT })
  status: ReportStatus = ReportStatus.DRAFT;

  /** What was done in the period. */
  @Property({ type: 'text', nullable: true })
  achievements: string | null = null;

  /** Policies and documents issued. */
  @Property({ type: 'text', nullable: true })
  policies: string | null = null;

  /** Propaganda and communication. */
  @Property({ type: 'text', nullable: true })
  propaganda: string | null = null;

  /** Models and initiatives. */
  @Property({ type: 'text', nullable: true })
  models: string | null = null;

  @Property({ type: 'text', nullable: true })
  difficulties: string | null = null;

  @Property({ type: 'text', nullable: true })
  proposals: string | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  preparedBy: Account | null = null;

  @OneToOne(() => ReportSnapshot, { nullable: true, owner: true })
  snapshot: ReportSnapshot | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  submittedBy: Account | null = null;

  /** Submitted after the period's due date (Vietnam time). */
  @Property({ type: 'boolean', default: false })
  late: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  reviewedAt: Date | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  reviewedBy: Account | null = null;

  /** Why the Department returned it. */
  @Property({ type: 'text', nullable: true })
  returnReason: string | null = null;
}

/** A reminder the Department sent a body that had not reported in a period (delivery channels later). */
@Entity({ tableName: 'report_reminder' })
@Index({ properties: ['period', 'body'] })
export class ReportReminder extends BaseEntity<'sentBy'> {
  @ManyToOne(() => ReportPeriod, { deleteRule: 'cascade' })
  period!: ReportPeriod;

  @ManyToOne(() => Body, { deleteRule: 'cascade' })
  body!: Body;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  sentBy: Account | null = null;
}
