import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../../people/citizens/citizen.entity';
import { EnrollmentStatus } from '../learning.enums';

/** A citizen's registration for a session; one row per citizen and session, re-used when they enroll again. */
@Entity({ tableName: 'enrollment' })
@Unique({ properties: ['session', 'citizen'] })
@Index({ properties: ['session', 'status', 'requestedAt'] })
@Index({ properties: ['citizen', 'requestedAt'] })
export class Enrollment extends BaseEntity<'cancelledAt'> {
  @ManyToOne(() => ProgrammeSession)
  session!: ProgrammeSession;

  @ManyToOne(() => Citizen)
  citizen!: Citizen;

  @Enum({ items: () => EnrollmentStatus })
  status!: EnrollmentStatus;

  /** Place in the waitlist: the earliest request gets the next free seat. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  requestedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;
}
