import { DecimalType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Topic } from '../../catalogue/catalogue.enums';
import { LogResult } from '../learning.enums';

/**
 * Which xAPI statements the province counts as learning: a verb on an activity of a type becomes
 * an IMPORT log with this result, and hours and topic when the statement gives none. Data, seeded
 * by the migration `xapi_lrs`; the province adds rows as platforms join.
 *
 * Read backwards by exportMyLearning: the `exported` row of a log's result gives the verb and
 * activity type of its statement (at most one per result).
 */
@Entity({ tableName: 'xapi_learning_mapping' })
@Unique({ name: 'xapi_learning_mapping_unique', properties: ['verbId', 'activityType'] })
@Index({
  name: 'xapi_learning_mapping_exported_unique',
  expression: 'create unique index "xapi_learning_mapping_exported_unique" on "xapi_learning_mapping" ("result") where "exported"',
})
export class LearningMapping {
  [OptionalProps]?: 'id' | 'exported';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  verbId!: string;

  @Property({ type: 'text' })
  activityType!: string;

  @Enum({ items: () => LogResult })
  result!: LogResult;

  /** Hours counted when the statement's result has no duration. */
  @Property({ type: new DecimalType('number'), precision: 4, scale: 2 })
  defaultHours!: number;

  @Enum({ items: () => Topic })
  topic!: Topic;

  /** The row whose verb and activity type exported statements of logs with this result use. */
  @Property({ type: 'boolean', default: false })
  exported = false;
}
