import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { FigureDimension, FigureUnit } from '../reports.enums';
import { SnapshotAttachmentType } from './attachment.types';

@ObjectType('FigureBreakdown', { simpleResolvers: true, description: "One category of a figure broken down, e.g. the figure for women." })
export class FigureBreakdownType {
  @Field(() => FigureDimension, { description: 'What the figure is broken down by.' })
  dimension!: FigureDimension;

  @Field({ description: 'The category: an enum value (FEMALE, FARMER, LIBRARY), an age band ("15-24", "25-39", "40-59", "60+"), "true"/"false" for a flag, or UNKNOWN when the record says nothing.' })
  category!: string;

  @Field(() => Float, { description: 'The figure for this category.' })
  value!: number;
}

@ObjectType('FigureTrendPoint', { simpleResolvers: true, description: 'The same figure as reported in an earlier annual period.' })
export class FigureTrendPointType {
  @Field(() => ID, { description: 'The earlier period (a ReportPeriod id).' })
  periodId!: string;

  @Field(() => Int, { description: 'First year of the earlier period.' })
  fromYear!: number;

  @Field(() => Int, { description: 'Last year of the earlier period.' })
  toYear!: number;

  @Field(() => Float, { description: 'Its value then.' })
  value!: number;
}

@ObjectType('ReportFigure', { description: 'A figure the platform computed for a report, with its definition.' })
export class ReportFigureType {
  @Field({ description: 'Stable code, e.g. TITLE_LEARNING_CITIZEN_SHARE, PARTICIPANTS_15_PLUS.' })
  code!: string;

  @Field({ description: 'Label in Vietnamese.' })
  labelVi!: string;

  @Field({ description: 'Label in English.' })
  labelEn!: string;

  @Field({ description: 'How it is counted.' })
  definition!: string;

  @Field(() => FigureUnit, { description: 'What the value counts.' })
  unit!: FigureUnit;

  @Field(() => Float, { description: 'The value for the whole scope.' })
  value!: number;

  @Field(() => Float, { nullable: true, description: 'The national target for 2025 (percent), for shares of title holders that have one.' })
  target2025!: number | null;

  @Field(() => Float, { nullable: true, description: 'The national target for 2030 (percent).' })
  target2030!: number | null;

  @Field(() => [FigureBreakdownType], { description: 'The value per category, for figures that count people (and institutions by kind, hours by topic).' })
  breakdown!: object[];

  @Field(() => [FigureTrendPointType], { description: 'The same figure in the earlier annual periods, oldest first.' })
  trend!: object[];
}

@ObjectType('RulesetVersion', { simpleResolvers: true, description: 'A titles ruleset version figures were computed with.' })
export class RulesetVersionType {
  @Field({ description: 'Ruleset code, e.g. VN-2024.' })
  code!: string;

  @Field(() => Int, { description: 'Version.' })
  version!: number;
}

@ObjectType('FigureBasis', { simpleResolvers: true, description: 'What figures were computed from.' })
export class FigureBasisType {
  @Field(() => DateScalar, { description: "The period's data cut-off." })
  cutOffDate!: string;

  @Field(() => DateScalar, { description: 'First day counted.' })
  fromDate!: string;

  @Field(() => DateScalar, { description: 'Last day counted.' })
  toDate!: string;

  @Field(() => Int, { description: 'The year whose titles are counted.' })
  titleYear!: number;

  @Field(() => [RulesetVersionType], { description: 'Ruleset versions of the progress counted.' })
  rulesets!: object[];

  @Field(() => [String], { description: 'The title runs that computed the progress counted: a run leaves the progress it finds unchanged to the run that computed it, so several runs may be listed.' })
  titleRunIds!: string[];

  @Field(() => [String], { description: 'Breakdowns the platform cannot give, and why.' })
  notDisaggregated!: string[];
}

@ObjectType('ReportSnapshot', { simpleResolvers: true, description: 'Figures frozen at submission or consolidation.' })
export class ReportSnapshotType {
  @Field({ description: 'sha256 (hex) of the canonical JSON of { basis, figures, attachments } (attachments left out when there are none).' })
  checksum!: string;

  @Field(() => [SnapshotAttachmentType], { description: "The report's attachments when it was submitted, by name; empty for a consolidated report." })
  attachments!: SnapshotAttachmentType[];

  @Field(() => Date, { description: 'When the figures were computed.' })
  computedAt!: Date;
}

@ObjectType('SnapshotCheck', { simpleResolvers: true, description: "A snapshot's figures recomputed on today's data." })
export class SnapshotCheckType {
  @Field({ description: 'The checksum frozen in the snapshot.' })
  checksum!: string;

  @Field({ description: 'The checksum of the figures computed again now.' })
  recomputedChecksum!: string;

  @Field({ description: 'True when the data gives the same figures as when frozen.' })
  matches!: boolean;
}
