import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../../people/citizens/citizen.entity';
import { AttendanceMethod, AttendanceStatus } from '../learning.enums';
import { LearningLog } from '../logs/learning-log.entity';

/**
 * Whether a citizen attended a session, as last marked. Unlike the log it produces, this row
 * changes (present → absent); the log is voided instead of being edited.
 */
@Entity({ tableName: 'attendance' })
@Unique({ properties: ['session', 'citizen'] })
export class Attendance extends BaseEntity<'recordedBy' | 'log'> {
  @ManyToOne(() => ProgrammeSession)
  session!: ProgrammeSession;

  @ManyToOne(() => Citizen, { index: true })
  citizen!: Citizen;

  @Enum({ items: () => AttendanceStatus })
  status!: AttendanceStatus;

  @Enum({ items: () => AttendanceMethod })
  method!: AttendanceMethod;

  /** The staff account that marked it; null for a check-in by the citizen. */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  recordedBy: Account | null = null;

  /** The attendance log of a present mark; the voided one stays attached to its own row only. */
  @ManyToOne(() => LearningLog, { nullable: true })
  log: LearningLog | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  markedAt!: Date;
}
