import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { YearField } from '../../graphql/year';
import { ContributionKind, ContributionStatus, ContributorKind, ExternalContributorKind, RecipientKind } from '../emulation.enums';

@ObjectType('ExternalContributor', { simpleResolvers: true, implements: Node, description: 'A contributor who is not a subject of the platform: an organisation or person from elsewhere.' })
export class ExternalContributorType extends Node {
  @Field({ description: 'Name.' })
  name!: string;

  @Field(() => ExternalContributorKind, { description: 'What the contributor is.' })
  kind!: ExternalContributorKind;

  @Field({ description: 'Country, as written.' })
  country!: string;
}

@ObjectType('Contribution', {
  simpleResolvers: true,
  implements: Node,
  description: "Effort, expertise or material given to the learning society. Read by assessors of the recipient's area and the Departments.",
})
export class ContributionType extends Node {
  @Field(() => ContributorKind, { description: 'Kind of contributor.' })
  contributorKind!: ContributorKind;

  @Field(() => ContributionKind, { description: 'What was contributed.' })
  kind!: ContributionKind;

  @Field(() => Float, { nullable: true, description: 'Value in Vietnamese đồng.' })
  valueVnd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours given (volunteer teaching, expertise).' })
  hours!: number | null;

  @Field(() => DateScalar, { description: 'Day of the contribution.' })
  contributedOn!: string;

  @Field(() => RecipientKind, { description: 'Kind of recipient.' })
  recipientKind!: RecipientKind;

  @Field({ description: 'What was given, for what.' })
  description!: string;

  @Field(() => [String], { description: 'Keys of the evidence files (uploaded with createEvidenceFileUpload).' })
  evidenceKeys!: string[];

  @Field(() => ContributionStatus, { description: 'Recorded or verified; only verified contributions count.' })
  status!: ContributionStatus;

  @Field(() => Date, { nullable: true, description: 'When it was verified.' })
  verifiedAt!: Date | null;
}

@ObjectType('ContributionEdge', { simpleResolvers: true, description: 'One contribution in a list.' })
export class ContributionEdge extends EdgeType('Contribution', ContributionType) {}

@ObjectType('ContributionConnection', { simpleResolvers: true, description: 'A page of contributions.' })
export class ContributionConnection extends ConnectionType('Contribution', ContributionEdge) {}

@ObjectType('ContributionKindTotal', { simpleResolvers: true, description: 'Verified contributions of one kind.' })
export class ContributionKindTotalType {
  @Field(() => ContributionKind, { description: 'Kind.' })
  kind!: ContributionKind;

  @Field(() => Int, { description: 'How many.' })
  count!: number;

  @Field(() => Float, { description: 'Value in đồng.' })
  valueVnd!: number;

  @Field(() => Float, { description: 'Hours.' })
  hours!: number;
}

@ObjectType('ContributionTotals', { simpleResolvers: true, description: 'Sums of verified contributions.' })
export class ContributionTotalsType {
  @Field(() => Int, { description: 'How many.' })
  count!: number;

  @Field(() => Float, { description: 'Value in đồng.' })
  valueVnd!: number;

  @Field(() => Float, { description: 'Hours.' })
  hours!: number;

  @Field(() => [ContributionKindTotalType], { description: 'By kind of contribution.' })
  byKind!: ContributionKindTotalType[];
}

@InputType({ description: 'A contributor from outside the platform.' })
export class RecordExternalContributorInput {
  @Field({ description: 'Name.' })
  @MaxLength(300)
  name!: string;

  @Field(() => ExternalContributorKind, { description: 'What the contributor is.' })
  kind!: ExternalContributorKind;

  @Field({ description: 'Country, as written.' })
  @MaxLength(100)
  country!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of recording an external contributor.' })
export class ExternalContributorPayload {
  @Field(() => ExternalContributorType, { nullable: true, description: 'The contributor.' })
  contributor!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@InputType({ description: 'A contribution to record.' })
export class RecordContributionInput {
  @Field(() => ContributorKind, { description: 'Kind of contributor.' })
  contributorKind!: ContributorKind;

  @Field(() => ID, { description: 'The citizen, household, clan, organisation or external contributor.' })
  contributorId!: string;

  @Field(() => ContributionKind, { description: 'What was contributed.' })
  kind!: ContributionKind;

  @Field(() => Float, { nullable: true, description: 'Value in whole đồng.' })
  valueVnd?: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours given.' })
  hours?: number | null;

  @Field(() => DateScalar, { description: 'Day of the contribution.' })
  contributedOn!: string;

  @Field(() => RecipientKind, { description: 'Kind of recipient.' })
  recipientKind!: RecipientKind;

  @Field(() => ID, { description: 'The administrative unit, the institution, or the body keeping the study-promotion fund.' })
  recipientId!: string;

  @Field({ description: 'What was given, for what.' })
  @MaxLength(4000)
  description!: string;

  @Field(() => [String], { nullable: true, description: 'Keys of evidence files uploaded with createEvidenceFileUpload and completed with completeEvidenceUpload.' })
  evidenceKeys?: string[] | null;
}

@InputType({ description: 'A contribution to verify.' })
export class VerifyContributionInput {
  @Field(() => ID, { description: 'The contribution.' })
  id!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of recording or verifying a contribution.' })
export class ContributionPayload {
  @Field(() => ContributionType, { nullable: true, description: 'The contribution.' })
  contribution!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@InputType({ description: 'Which contributions: received within a unit, in a year, of one contributor.' })
export class ContributionFilter {
  @Field(() => ID, { description: 'Received within this unit or under it.' })
  unitId!: string;

  @YearField('Calendar year of the contribution', { nullable: true })
  year?: number | null;

  @Field(() => ContributorKind, { nullable: true, description: 'Kind of the one contributor, with contributorId.' })
  contributorKind?: ContributorKind | null;

  @Field(() => ID, { nullable: true, description: 'The one contributor, with contributorKind.' })
  contributorId?: string | null;
}
