import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { YearField } from '../../graphql/year';
import { Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { DecidingAuthority, NomineeClass, RoundKind } from '../emulation.enums';

@ObjectType('CommendationForm', { simpleResolvers: true, implements: Node, description: 'A form of commendation (hình thức khen thưởng) and who decides it. Public.' })
export class CommendationFormType extends Node {
  @Field({ description: 'Stable code, e.g. PROVINCE_CHAIRMAN_CERTIFICATE, GIAY_KHEN.' })
  code!: string;

  @Field(() => DecidingAuthority, { description: 'Who decides it.' })
  authority!: DecidingAuthority;
}

@ObjectType('CommendationQuota', { simpleResolvers: true, description: 'How many commendations of a form a round may decide for a class of nominees, and how many it has.' })
export class CommendationQuotaType {
  @Field(() => CommendationFormType, { description: 'The form.' })
  form!: object;

  @Field(() => NomineeClass, { description: 'Collectives or individuals.' })
  nomineeClass!: NomineeClass;

  @Field(() => Int, { description: 'Places of the quota.' })
  places!: number;

  @Field(() => Int, { description: 'Places taken by decisions (a revoked commendation gives its place back).' })
  taken!: number;
}

@ObjectType('CommendationRound', { simpleResolvers: true, implements: Node, description: 'A commendation round: annual, the interim review 2023–2025 or the final review 2023–2030. Public.' })
export class CommendationRoundType extends Node {
  @Field(() => RoundKind, { description: 'Kind of round.' })
  kind!: RoundKind;

  @Field(() => Int, { description: 'First year the round reviews.' })
  fromYear!: number;

  @Field(() => Int, { description: 'Last year the round reviews (the year of an annual round).' })
  toYear!: number;
}

@InputType({ description: 'The year of an annual round.' })
export class OpenAnnualRoundInput {
  @YearField('The year; rounds open for the years of the plan, 2023 to 2030, and other years get INVALID_YEAR')
  year!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Result of opening an annual round.' })
export class CommendationRoundPayload {
  @Field(() => CommendationRoundType, { nullable: true, description: 'The round.' })
  round!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
