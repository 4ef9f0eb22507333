import { Check, DecimalType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import { SessionStatus } from '../catalogue.enums';
import { Institution } from '../institutions/institution.entity';
import { Programme } from './programme.entity';

/** One meeting of a programme. The institution is repeated here so "next sessions of these
 * institutions" is one index range per institution instead of a join through programmes. */
@Entity({ tableName: 'programme_session' })
@Index({ properties: ['programme', 'startsAt'] })
@Index({ properties: ['institution', 'startsAt'] })
@Index({ properties: ['startsAt', 'id'] })
@Check({ name: 'programme_session_ends_after_start', expression: 'ends_at > starts_at' })
@Check({ name: 'programme_session_capacity_not_negative', expression: 'capacity is null or capacity >= 0' })
@Check({ name: 'programme_session_credited_hours_range', expression: 'credited_hours >= 0 and credited_hours <= 12' })
export class ProgrammeSession extends BaseEntity<'place' | 'capacity' | 'status' | 'seriesId'> {
  @ManyToOne(() => Programme)
  programme!: Programme;

  @ManyToOne(() => Institution)
  institution!: Institution;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  endsAt!: Date;

  @Property({ type: 'string', length: 300, nullable: true })
  place: string | null = null;

  /** Null: no limit on the number of participants. */
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  /** Learning hours credited to each participant who attends. */
  @Property({ type: new DecimalType('number'), precision: 4, scale: 2 })
  creditedHours!: number;

  @Enum({ items: () => SessionStatus, default: SessionStatus.SCHEDULED })
  status: SessionStatus = SessionStatus.SCHEDULED;

  /** Sessions generated together by one recurrence share this id. */
  @Property({ type: 'uuid', nullable: true })
  seriesId: string | null = null;
}
