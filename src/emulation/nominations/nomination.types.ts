import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { NominationStatus, NomineeClass, NomineeKind } from '../emulation.enums';
import { ProgressStatus } from '../../titles/engine/engine.enums';
import { TitleKind } from '../../titles/titles.enums';

@ObjectType('DossierTitle', { simpleResolvers: true, description: 'A title recognised for the nominee.' })
export class DossierTitleType {
  @Field(() => TitleKind, { description: 'Title kind, e.g. LEARNING_UNIT.' })
  titleKind!: TitleKind;

  @Field(() => Int, { description: 'Year recognised.' })
  year!: number;

  @Field({ description: 'Number of the decision.' })
  decisionNumber!: string;

  @Field(() => DateScalar, { description: 'Date of the decision.' })
  decisionDate!: string;

  @Field({ description: 'Issuer of the decision.' })
  issuer!: string;
}

@ObjectType('DossierCommendation', { simpleResolvers: true, description: 'An earlier commendation of the nominee.' })
export class DossierCommendationType {
  @Field({ description: 'Form of commendation.' })
  form!: string;

  @Field({ description: 'Number of the decision.' })
  decisionNumber!: string;

  @Field(() => DateScalar, { description: 'Date of the decision.' })
  decisionDate!: string;
}

@ObjectType('DossierContributions', { simpleResolvers: true, description: "The nominee's verified contributions." })
export class DossierContributionsType {
  @Field(() => Int, { description: 'How many.' })
  count!: number;

  @Field(() => Float, { description: 'Value in đồng.' })
  valueVnd!: number;

  @Field(() => Float, { description: 'Hours.' })
  hours!: number;
}

@ObjectType('DossierInitiatives', { simpleResolvers: true, description: "The nominee's initiatives." })
export class DossierInitiativesType {
  @Field(() => Int, { description: 'How many.' })
  count!: number;

  @Field(() => Int, { description: 'How many an emulation council recognised.' })
  recognised!: number;

  @Field(() => [String], { description: 'Their titles.' })
  titles!: string[];
}

@ObjectType('DossierStanding', { simpleResolvers: true, description: "The nominee's progress towards a title in its latest evaluated year." })
export class DossierStandingType {
  @Field(() => TitleKind, { description: 'Title kind.' })
  titleKind!: TitleKind;

  @Field(() => Int, { description: 'Year.' })
  year!: number;

  @Field(() => ProgressStatus, { description: 'Progress status.' })
  status!: ProgressStatus;

  @Field(() => Float, { description: 'Total points.' })
  total!: number;
}

@ObjectType('DossierEmulationResult', { simpleResolvers: true, description: "A collective's yearly emulation checklist (III.1 of the plan) as the titles engine evaluated it." })
export class DossierEmulationResultType {
  @Field(() => Int, { description: 'Year.' })
  year!: number;

  @Field(() => ProgressStatus, { description: 'Progress status.' })
  status!: ProgressStatus;

  @Field(() => Int, { description: 'Level reached (1 when the checklist is met).' })
  levelReached!: number;

  @Field(() => [String], { description: 'Codes of the items not met, entries still missing included.' })
  unmet!: string[];
}

@ObjectType('NominationDossier', { simpleResolvers: true, description: 'What the platform knows of the nominee, assembled when the nomination was submitted.' })
export class DossierType {
  @Field(() => Date, { description: 'When it was assembled.' })
  assembledAt!: string;

  @Field(() => [DossierTitleType], { description: 'Titles recognised.' })
  titles!: DossierTitleType[];

  @Field(() => [DossierCommendationType], { description: 'Earlier commendations.' })
  commendations!: DossierCommendationType[];

  @Field(() => DossierContributionsType, { description: 'Verified contributions.' })
  contributions!: DossierContributionsType;

  @Field(() => DossierInitiativesType, { description: 'Initiatives owned.' })
  initiatives!: DossierInitiativesType;

  @Field(() => [DossierStandingType], { description: 'Progress towards titles.' })
  standings!: DossierStandingType[];

  // `emulation` is resolved in nomination.resolver.ts: dossiers assembled before it was kept lack it.
}

@ObjectType('NominationStep', { simpleResolvers: true, description: 'One step of a nomination: who moved it, when, from what to what, and why.' })
export class NominationStepType {
  @Field(() => NominationStatus, { nullable: true, description: 'Status before; null for its creation.' })
  fromStatus!: NominationStatus | null;

  @Field(() => NominationStatus, { description: 'Status after.' })
  toStatus!: NominationStatus;

  @Field(() => Date, { description: 'When.' })
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'The reason or note given.' })
  note!: string | null;
}

@ObjectType('Nomination', {
  simpleResolvers: true,
  implements: Node,
  description: "A body's proposal to commend a collective, household or individual. Read by the proposing body's officers and, once submitted, the Departments of Education and Home Affairs; nobody else.",
})
export class NominationType extends Node {
  @Field(() => NomineeKind, { description: 'Kind of nominee.' })
  nomineeKind!: NomineeKind;

  @Field(() => NomineeClass, { description: 'The class its quota counts.' })
  nomineeClass!: NomineeClass;

  @Field({ description: "The nominee's name when nominated." })
  nomineeName!: string;

  @Field({ description: 'Summary of achievements.' })
  achievements!: string;

  @Field(() => [String], { description: 'Keys of the files of the dossier.' })
  fileKeys!: string[];

  @Field(() => NominationStatus, { description: 'Step of its workflow.' })
  status!: NominationStatus;

  @Field(() => DossierType, { nullable: true, description: 'Assembled from the platform when submitted; null for a draft (see nominationDossierPreview).' })
  dossier!: object | null;

  @Field(() => String, { nullable: true, description: 'Why it was returned, rejected or left out of the shortlist.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Number of the decision commending it.' })
  decisionNumber!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of that decision.' })
  decisionDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Who signed the decision.' })
  signer!: string | null;

  @Field(() => String, { nullable: true, description: 'Why a decided commendation was revoked.' })
  revocationReason!: string | null;
}

@ObjectType('NominationEdge', { simpleResolvers: true, description: 'One nomination in a list.' })
export class NominationEdge extends EdgeType('Nomination', NominationType) {}

@ObjectType('NominationConnection', { simpleResolvers: true, description: 'A page of nominations.' })
export class NominationConnection extends ConnectionType('Nomination', NominationEdge) {}

@InputType({ description: 'Which nominations.' })
export class NominationFilter {
  @Field(() => ID, { nullable: true, description: 'Only this round.' })
  roundId?: string | null;

  @Field(() => [NominationStatus], { nullable: true, description: 'Only these statuses.' })
  statuses?: NominationStatus[] | null;
}

@InputType({ description: 'A nomination to draft.' })
export class CreateNominationInput {
  @Field(() => ID, { description: 'The round.' })
  roundId!: string;

  @Field(() => ID, { description: 'The form of commendation proposed.' })
  formId!: string;

  @Field(() => ID, { description: 'The proposing body; you act for it.' })
  proposerId!: string;

  @Field(() => NomineeKind, { description: 'Kind of nominee.' })
  nomineeKind!: NomineeKind;

  @Field(() => ID, { description: 'The nominee (a unit, organisation, institution, body, household, citizen or external contributor).' })
  nomineeId!: string;

  @Field({ description: 'Summary of achievements.' })
  @MaxLength(8000)
  achievements!: string;

  @Field(() => [String], { nullable: true, description: 'Keys of files uploaded with createEvidenceFileUpload and completed with completeEvidenceUpload.' })
  fileKeys?: string[] | null;
}

@InputType({ description: 'New summary and files of a draft or returned nomination.' })
export class UpdateNominationInput {
  @Field(() => ID, { description: 'The nomination.' })
  id!: string;

  @Field({ description: 'Summary of achievements.' })
  @MaxLength(8000)
  achievements!: string;

  @Field(() => [String], { nullable: true, description: 'Keys of files.' })
  fileKeys?: string[] | null;
}

@InputType({ description: 'A nomination to act on.' })
export class NominationIdInput {
  @Field(() => ID, { description: 'The nomination.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'A note (appraisal).' })
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'A nomination with the reason for returning, rejecting or revoking it.' })
export class NominationReasonInput {
  @Field(() => ID, { description: 'The nomination.' })
  id!: string;

  @Field({ description: 'The reason.' })
  @MaxLength(2000)
  reason!: string;
}

@InputType({ description: 'A nomination left out of the shortlist, and why.' })
export class LeftOutNominationInput {
  @Field(() => ID, { description: 'The nomination.' })
  id!: string;

  @Field({ description: 'Why it is left out.' })
  @MaxLength(2000)
  reason!: string;
}

@InputType({ description: "The Department of Education's shortlist of submitted nominations." })
export class ConsolidateNominationsInput {
  @Field(() => [ID], { description: 'Nominations sent on to appraisal.' })
  @ArrayMaxSize(200)
  shortlist!: string[];

  @Field(() => [LeftOutNominationInput], { description: 'Nominations left out, each with its reason.' })
  @ArrayMaxSize(200)
  leftOut!: LeftOutNominationInput[];
}

@InputType({ description: 'The decision commending a nomination.' })
export class DecideNominationInput {
  @Field(() => ID, { description: 'The nomination.' })
  id!: string;

  @Field({ description: 'Number of the decision, e.g. "1234/QĐ-UBND".' })
  @MaxLength(64)
  decisionNumber!: string;

  @Field(() => DateScalar, { description: 'Date of the decision.' })
  decisionDate!: string;

  @Field({ description: 'Who signed it, e.g. "Chủ tịch UBND tỉnh Nguyễn Văn A".' })
  @MaxLength(300)
  signer!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of a step of a nomination.' })
export class NominationPayload {
  @Field(() => NominationType, { nullable: true, description: 'The nomination.' })
  nomination!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of consolidating nominations.' })
export class ConsolidateNominationsPayload {
  @Field(() => [NominationType], { nullable: true, description: 'The nominations moved.' })
  nominations!: object[] | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
