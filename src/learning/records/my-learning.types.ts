import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Topic } from '../../catalogue/catalogue.enums';
import { LogSource } from '../learning.enums';

@ObjectType({ simpleResolvers: true })
abstract class HoursTotal {
  @Field(() => Float, { description: 'Hours of verified logs.' })
  verifiedHours!: number;

  @Field(() => Float, { description: 'Hours of logs awaiting verification.' })
  pendingHours!: number;

  @Field(() => Int, { description: 'Number of logs (verified or pending).' })
  logs!: number;
}

@ObjectType('MonthHours', { simpleResolvers: true, description: 'Learning hours of one month.' })
export class MonthHours extends HoursTotal {
  @Field(() => Int, { description: 'Month, 1 to 12.' })
  month!: number;
}

@ObjectType('TopicHours', { simpleResolvers: true, description: 'Learning hours of one topic; a log with several topics counts in each.' })
export class TopicHours extends HoursTotal {
  @Field(() => Topic, { description: 'The topic.' })
  topic!: Topic;
}

@ObjectType('SourceHours', { simpleResolvers: true, description: 'Learning hours from one source.' })
export class SourceHours extends HoursTotal {
  @Field(() => LogSource, { description: 'The source.' })
  source!: LogSource;
}

@ObjectType('MyLearning', { description: 'A citizen’s learning in a year: totals and the logs.' })
export class MyLearningType {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Float, { description: 'Hours of verified logs in the year.' })
  verifiedHours!: number;

  @Field(() => Float, { description: 'Hours of logs awaiting verification in the year.' })
  pendingHours!: number;

  @Field(() => [MonthHours], { description: 'Hours per month that has any.' })
  byMonth!: MonthHours[];

  @Field(() => [TopicHours], { description: 'Hours per topic that has any.' })
  byTopic!: TopicHours[];

  @Field(() => [SourceHours], { description: 'Hours per source that has any.' })
  bySource!: SourceHours[];
}

@ObjectType('LearningExport', { simpleResolvers: true, description: 'A citizen’s whole learning record, for portability.' })
export class LearningExportType {
  @Field({ description: 'When it was exported.' })
  exportedAt!: Date;

  @Field(() => GraphQLJSON, { description: 'The record as JSON: the citizen and every log, with every field.' })
  json!: unknown;

  @Field(() => GraphQLJSON, { description: 'The logs as xAPI 1.0.3 statements (actor as an account, ADL verbs, ISO 8601 durations).' })
  xapiStatements!: unknown;
}
