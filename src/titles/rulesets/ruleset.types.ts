import { Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { RulesetStatus } from '../titles.enums';

@ObjectType('TitleRuleset', { simpleResolvers: true, implements: Node, description: 'A version of the criteria of every title (e.g. VN-2024 version 1). Published versions are public and read-only; drafts are seen only by province administrators.' })
export class TitleRulesetType extends Node {
  @Field({ description: 'Code of the ruleset, e.g. "VN-2024"; versions of one code succeed each other.' })
  code!: string;

  @Field(() => Int, { description: 'Version within the code, from 1.' })
  version!: number;

  @Field(() => RulesetStatus, { description: 'Draft or published.' })
  status!: RulesetStatus;

  @Field(() => DateScalar, { description: 'First day (in Vietnam) it applies to.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it applies to, included; open-ended when null.' })
  effectiveTo!: string | null;

  @Field(() => String, { nullable: true, description: 'What the version is and what it follows.' })
  description!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was published.' })
  publishedAt!: Date | null;
}

@ObjectType('TitleRulesetEdge', { simpleResolvers: true, description: 'One ruleset in a list.' })
export class TitleRulesetEdge extends EdgeType('TitleRuleset', TitleRulesetType) {}

@ObjectType('TitleRulesetConnection', { simpleResolvers: true, description: 'A page of rulesets, the most recently created first.' })
export class TitleRulesetConnection extends ConnectionType('TitleRuleset', TitleRulesetEdge) {}

@InputType({ description: 'Which rulesets to list. Drafts are listed only for province administrators.' })
export class TitleRulesetFilter {
  @Field({ nullable: true, description: 'Only versions of this code.' })
  @Length(1, 32)
  code?: string;

  @Field(() => [RulesetStatus], { nullable: true, description: 'Only these statuses; every status you may see by default.' })
  statuses?: RulesetStatus[];
}

@InputType({ description: 'A new draft made as a copy of a published version.' })
export class CreateRulesetDraftInput {
  @Field(() => ID, { description: 'The published ruleset to copy.' })
  fromId!: string;

  @Field({ nullable: true, description: 'Code of the new ruleset; by default the code of the copied one (the draft is then its next version).' })
  @Length(1, 32)
  code?: string;

  @Field(() => DateScalar, { description: 'First day it will apply to.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it will apply to; open-ended when omitted.' })
  effectiveTo?: string;

  @Field({ nullable: true, description: 'What the version changes; by default the description of the copied one.' })
  @Length(0, 5000)
  description?: string;
}

@InputType({ description: 'A draft ruleset to publish.' })
export class PublishRulesetInput {
  @Field(() => ID, { description: 'The draft.' })
  id!: string;
}

@InputType({ description: 'A draft ruleset to delete.' })
export class DeleteRulesetDraftInput {
  @Field(() => ID, { description: 'The draft.' })
  id!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of creating or publishing a ruleset.' })
export class RulesetPayload {
  @Field(() => TitleRulesetType, { nullable: true, description: 'The ruleset, when the change was made.' })
  ruleset!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened. Problems of a ruleset that cannot be published have paths from `ruleset`, e.g. ["ruleset", "definitions", "LEARNING_CITIZEN", "indicators", "READING", "scoring", "1", "points"].' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of deleting a draft ruleset.' })
export class DeleteRulesetDraftPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted draft.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
