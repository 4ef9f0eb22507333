import { Check, DecimalType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { Topic } from '../../catalogue/catalogue.enums';
import { Programme } from '../../catalogue/programmes/programme.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../../people/citizens/citizen.entity';

/**
 * One goal of a citizen's learning plan for a year: hours in a topic, or a named programme.
 * The plan of a year is the set of its goals.
 */
@Entity({ tableName: 'learning_goal' })
@Index({ properties: ['citizen', 'year'] })
@Check({ name: 'learning_goal_topic_or_programme', expression: '(topic is not null and target_hours is not null and programme_id is null) or (topic is null and target_hours is null and programme_id is not null)' })
@Check({ name: 'learning_goal_target_range', expression: 'target_hours is null or (target_hours > 0 and target_hours <= 1000)' })
export class LearningGoal extends BaseEntity<'topic' | 'targetHours' | 'programme' | 'enteredBy'> {
  @ManyToOne(() => Citizen)
  citizen!: Citizen;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: () => Topic, nullable: true })
  topic: Topic | null = null;

  @Property({ type: new DecimalType('number'), precision: 6, scale: 2, nullable: true })
  targetHours: number | null = null;

  @ManyToOne(() => Programme, { nullable: true })
  programme: Programme | null = null;

  /** The official who last set the goal on the citizen's behalf (assisted entry); null when the citizen did. */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  enteredBy: Account | null = null;
}
