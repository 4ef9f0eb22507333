import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('TitleMetricParameter', { simpleResolvers: true, description: 'A parameter of a metric.' })
export class MetricParameterType {
  @Field({ description: 'Name of the parameter in `metricParams`.' })
  name!: string;

  @Field({ description: 'Type: integer, boolean, enum (one of `values`), enumList (a non-empty list of `values`) or objectList (a non-empty list of objects with `fields`).' })
  type!: string;

  @Field({ description: 'Whether it must be given.' })
  required!: boolean;

  @Field({ description: 'What it does.' })
  description!: string;

  @Field(() => [String], { nullable: true, description: 'Allowed values of an enum or enumList.' })
  values!: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Smallest value of an integer.' })
  min!: number | null;

  @Field(() => Int, { nullable: true, description: 'Largest value of an integer.' })
  max!: number | null;

  @Field(() => [MetricParameterType], { nullable: true, description: 'Fields of each object of an objectList.' })
  fields!: MetricParameterType[] | null;
}

@ObjectType('TitleMetric', { simpleResolvers: true, description: 'A metric AUTO indicators may use: part of the engine\'s fixed vocabulary.' })
export class MetricType {
  @Field({ description: 'Name to put in an indicator\'s `metric`.' })
  name!: string;

  @Field({ description: 'What it computes, for one subject and one calendar year.' })
  description!: string;

  @Field({ description: 'What its value measures: HOURS, COUNT, SHARE (0 to 1) or ACHIEVEMENT (0, 1 or 2).' })
  valueKind!: string;

  @Field(() => Float, { description: 'Smallest value it takes.' })
  minValue!: number;

  @Field(() => Float, { nullable: true, description: 'Largest value it takes; none when null.' })
  maxValue!: number | null;

  @Field(() => [String], { description: 'Definitions that may use it: a title kind, or LEARNING_COMMUNITY:<unit level>.' })
  subjects!: string[];

  @Field(() => [MetricParameterType], { description: 'Its parameters.' })
  parameters!: MetricParameterType[];
}
