import { Field, Int, ObjectType } from 'type-graphql';
import type { UserErrorCode } from '../../core/user-error-codes';
import { UserError } from '../../graphql/user-error';
import { UserErrorCodeEnum } from '../../graphql/user-error-code.enum';
import { LearningLogType } from './learning-log.types';
import { LineOutcome } from '../learning.enums';

@ObjectType('ReportLine', { simpleResolvers: true, description: 'One line of a roster or an import, and what happened to it.' })
export class ReportLineType {
  @Field(() => Int, { description: 'Line number: the entry’s position in a roster, the file’s line in a CSV (the header is line 1).' })
  line!: number;

  @Field({ description: 'How the line named the person, as given.' })
  person!: string;

  @Field(() => LineOutcome, { description: 'What happened.' })
  outcome!: LineOutcome;

  @Field(() => UserErrorCodeEnum, { nullable: true, description: 'Why it was rejected or not found.' })
  code!: UserErrorCode | null;

  @Field(() => String, { nullable: true, description: 'The reason in words.' })
  message!: string | null;

  @Field(() => LearningLogType, { nullable: true, description: 'The learning log the line recorded, found or voided.' })
  log!: unknown;
}

@ObjectType('LineReport', { simpleResolvers: true, description: 'What a roster or an import did, line by line.' })
export class LineReportType {
  @Field(() => [ReportLineType], { description: 'Every line, in order.' })
  lines!: ReportLineType[];

  @Field(() => Int, { description: 'Lines recorded now.' })
  recorded!: number;

  @Field(() => Int, { description: 'Lines already recorded before.' })
  alreadyRecorded!: number;

  @Field(() => Int, { description: 'Lines that marked someone absent after a present mark (its log voided).' })
  markedAbsent!: number;

  @Field(() => Int, { description: 'Lines naming nobody registered.' })
  unknownPeople!: number;

  @Field(() => Int, { description: 'Lines rejected, with a reason.' })
  rejected!: number;
}

@ObjectType({ description: 'The result of a roster or an import.' })
export class LineReportPayload {
  @Field(() => LineReportType, { nullable: true, description: 'What happened to each line; null when the whole request was refused.' })
  report!: unknown;

  @Field(() => [UserError], { description: 'Why the whole request was refused; empty otherwise.' })
  errors!: UserError[];
}
