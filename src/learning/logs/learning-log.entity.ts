import { Check, DecimalType, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { Topic } from '../../catalogue/catalogue.enums';
import { Institution } from '../../catalogue/institutions/institution.entity';
import { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../../people/citizens/citizen.entity';
import { LogResult, LogSource, LogStatus } from '../learning.enums';

/**
 * One record of learning, shaped after an xAPI statement: who (citizen), what (a session, a
 * resource or an external activity), when (occurredOn; recorded at createdAt), how much (hours,
 * topics, result) and who vouches for it. Never edited or deleted: only its status moves
 * (PENDING → VERIFIED/REJECTED, PENDING/VERIFIED → VOIDED), which a trigger enforces.
 */
@Entity({ tableName: 'learning_log' })
// Covering: the titles engine reads a citizen's logs of a window by index alone (index-only scans
// clustered by citizen), instead of scanning the whole table for every batch of citizens.
@Index({
  name: 'learning_log_citizen_window_index',
  expression:
    'create index "learning_log_citizen_window_index" on "learning_log" ("citizen_id", "occurred_on") include ("status", "source", "hours", "topics", "result", "session_id", "institution_id")',
})
@Index({ properties: ['status', 'createdAt'] })
@Index({ properties: ['institution', 'status', 'createdAt'] })
@Index({ properties: ['session'] })
// The attendances a unit's Learning Community counts, read by index alone (titles' SESSIONS_IN_UNIT).
@Index({
  name: 'learning_log_verified_attendance_index',
  expression:
    'create index "learning_log_verified_attendance_index" on "learning_log" ("session_id", "occurred_on") include ("citizen_id") where source = \'ATTENDANCE\' and status = \'VERIFIED\'',
})
@Index({ name: 'learning_log_topics_index', expression: 'create index "learning_log_topics_index" on "learning_log" using gin ("topics")' })
@Index({
  name: 'learning_log_attendance_unique',
  expression: `create unique index "learning_log_attendance_unique" on "learning_log" ("citizen_id", "session_id") where source = 'ATTENDANCE' and status <> 'VOIDED'`,
})
@Unique({ name: 'learning_log_idempotency_unique', properties: ['citizen', 'idempotencyKey'] })
@Check({ name: 'learning_log_hours_range', expression: 'hours > 0 and hours <= 12' })
@Check({ name: 'learning_log_enterer_verified_entered', expression: 'not verified_by_enterer or recorded_by_id is not null' })
@Check({ name: 'learning_log_reason_when_closed', expression: `(status = any (array['REJECTED', 'VOIDED'])) = (status_reason is not null)` })
export class LearningLog extends BaseEntity<
  | 'session' | 'resourceId' | 'activityTitle' | 'score' | 'certificateNumber' | 'evidenceKey' | 'institution' | 'assessor'
  | 'recordedBy' | 'verifiedByEnterer' | 'statusReason' | 'statusChangedAt' | 'statusChangedBy' | 'idempotencyKey'
> {
  @ManyToOne(() => Citizen)
  citizen!: Citizen;

  @Enum({ items: () => LogSource })
  source!: LogSource;

  /** What: the session attended… */
  @ManyToOne(() => ProgrammeSession, { nullable: true })
  session: ProgrammeSession | null = null;

  /** …or the platform resource studied (no foreign key until resources land)… */
  @Property({ type: 'uuid', nullable: true })
  resourceId: string | null = null;

  /** …or the external course or activity, in the learner's words. */
  @Property({ type: 'string', length: 300, nullable: true })
  activityTitle: string | null = null;

  /** The calendar day it happened (Asia/Ho_Chi_Minh). */
  @Property({ type: 'date' })
  occurredOn!: string;

  @Property({ type: new DecimalType('number'), precision: 4, scale: 2 })
  hours!: number;

  @Enum({ items: () => Topic, array: true })
  topics!: Topic[];

  @Enum({ items: () => LogResult })
  result!: LogResult;

  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  score: number | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  certificateNumber: string | null = null;

  /** Object key of the evidence file, under `evidence/<citizenId>/`. */
  @Property({ type: 'string', length: 500, nullable: true })
  evidenceKey: string | null = null;

  /** The institution that vouches for it (attendance, import), or the one a self-declared log names. */
  @ManyToOne(() => Institution, { nullable: true })
  institution: Institution | null = null;

  /** The assessor who verified it, when an assessor did. */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  assessor: Account | null = null;

  /**
   * Who recorded it: staff for attendance and imports; for a self-declared log, the official who
   * entered it on the citizen's behalf (assisted entry); null when the citizen did.
   */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  recordedBy: Account | null = null;

  /**
   * True when the official who entered it for the citizen also verified it, which they may only
   * when nobody else could: no other assessor of the citizen's unit, no staff of the institution named.
   */
  @Property({ type: 'boolean', default: false })
  verifiedByEnterer = false;

  @Enum({ items: () => LogStatus })
  status!: LogStatus;

  /** Why it was rejected or voided. */
  @Property({ type: 'string', length: 1000, nullable: true })
  statusReason: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  statusChangedAt: Date | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  statusChangedBy: Account | null = null;

  /** Client-supplied key: a retried submission with the same key returns this log. */
  @Property({ type: 'string', length: 100, nullable: true })
  idempotencyKey: string | null = null;
}
