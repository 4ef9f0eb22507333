import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../core/roles';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import type { RequestContext } from '../../core/context';
import { idOf, toGlobalId } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { renderUserErrorMessage } from '../../core/user-error-messages';
import { registerNode } from '../../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { runMutation, UserError } from '../../graphql/user-error';
import { METRICS, VALUE_RANGE, type ParamSpec } from '../engine/metrics';
import { TitleDefinition, TitleIndicator, TitleRuleset } from './ruleset.entity';
import { definitionById, definitionsOfRuleset, indicatorsOfDefinition, rulesetById } from './ruleset.loaders';
import { passRuleOf, RulesetInvalidError } from './ruleset.service';
import { MetricParameterType, MetricType } from './metric.types';
import { CreateRulesetDraftInput, DeleteRulesetDraftInput, DeleteRulesetDraftPayload, PublishRulesetInput, RulesetPayload, TitleRulesetConnection, TitleRulesetFilter, TitleRulesetType } from './ruleset.types';
import { criterionMaximum } from './ruleset-validation';
import { PassRuleType, TitleCriterionType, TitleDefinitionPayload, TitleDefinitionType, TitleIndicatorType, UpdateTitleDefinitionInput } from './title-definition.types';
import { DeprecatedKindArg, TitleKindArg, titleKindOf } from '../title-kind-args';
import { TitleKind } from '../titles.enums';

registerNode('TitleRuleset', TitleRuleset, async (ctx, ids) => {
  const rulesets = await rulesetById(ctx).loadMany(ids);
  return rulesets.map((ruleset) => (ruleset instanceof TitleRuleset && ctx.services.rulesets.canSee(ctx, ruleset) ? ruleset : null));
});

registerNode('TitleDefinition', TitleDefinition, async (ctx, ids) => {
  const definitions = await definitionById(ctx).loadMany(ids);
  const found = definitions.filter((definition): definition is TitleDefinition => definition instanceof TitleDefinition);
  const rulesets = await rulesetById(ctx).loadMany(found.map((definition) => definition.ruleset.id));
  const visible = new Set(rulesets.filter((ruleset): ruleset is TitleRuleset => ruleset instanceof TitleRuleset && ctx.services.rulesets.canSee(ctx, ruleset)).map((ruleset) => ruleset.id));
  return definitions.map((definition) => (definition instanceof TitleDefinition && visible.has(definition.ruleset.id) ? definition : null));
});

/** Runs a ruleset mutation; a ruleset that fails validation reports each of its problems. */
async function runRulesetMutation<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<{ result: T | null; errors: UserError[] }> {
  try {
    return await runMutation(ctx, work);
  } catch (error) {
    if (!(error instanceof RulesetInvalidError)) throw error;
    return { result: null, errors: error.problems.map((problem) => ({ field: problem.path, code: problem.code, message: renderUserErrorMessage(problem, ctx.locale) })) };
  }
}

function parametersOf(params: Record<string, ParamSpec>): MetricParameterType[] {
  return Object.entries(params).map(([name, spec]) => ({
    name,
    type: spec.type,
    required: spec.required,
    description: spec.description,
    values: spec.type === 'enum' || spec.type === 'enumList' ? [...spec.values] : null,
    min: spec.type === 'integer' ? spec.min : null,
    max: spec.type === 'integer' ? spec.max : null,
    fields: spec.type === 'objectList' ? parametersOf(spec.fields) : null,
  }));
}

@Resolver(() => TitleRulesetType)
export class RulesetResolver {
  @Query(() => TitleRulesetConnection, { description: 'Versions of the title criteria, newest first. Published ones are public; drafts are listed only for province administrators.' })
  async rulesets(
    @Arg('filter', () => TitleRulesetFilter, { nullable: true }) filter: TitleRulesetFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<TitleRuleset>> {
    const query = ctx.services.rulesets.toQuery(ctx, filter ?? {});
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'rulesets',
      fetch: (seek) => ctx.services.rulesets.find(ctx, query, seek),
      keyOf: (row) => [row.sortKey, row.ruleset.id],
      edge: (row, cursor) => ({ cursor, node: row.ruleset }),
      count: () => ctx.services.rulesets.count(ctx, query),
    });
  }

  @Query(() => TitleRulesetType, { nullable: true, description: 'A ruleset by id; null when it does not exist or is a draft you may not see.' })
  async ruleset(@Arg('id', () => ID, { description: 'Global id of the ruleset.' }) id: string, @Ctx() ctx: RequestContext): Promise<TitleRuleset | null> {
    const ruleset = await rulesetById(ctx).load(idOf('TitleRuleset', id));
    return ruleset && ctx.services.rulesets.canSee(ctx, ruleset) ? ruleset : null;
  }

  @Query(() => TitleRulesetType, { nullable: true, description: 'The published ruleset in force on a day (the one that took effect last); null when none is.' })
  activeRuleset(@Arg('date', () => DateScalar, { description: 'A calendar day in Vietnam.' }) date: string, @Ctx() ctx: RequestContext): Promise<TitleRuleset | null> {
    return ctx.services.rulesets.active(ctx, date);
  }

  @Query(() => [MetricType], { description: 'The metrics AUTO indicators may use: the engine\'s fixed vocabulary, with their parameters.' })
  titleMetrics(): MetricType[] {
    return Object.values(METRICS).map((spec) => ({
      name: spec.name,
      description: spec.description,
      valueKind: spec.value,
      minValue: VALUE_RANGE[spec.value].min,
      maxValue: VALUE_RANGE[spec.value].max,
      subjects: [...spec.subjects],
      parameters: parametersOf(spec.params),
    }));
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => RulesetPayload, { description: 'Copies a published ruleset into a new draft (its next version, or version 1 of a new code). Province administrators only.' })
  async createRulesetDraft(@Arg('input') input: CreateRulesetDraftInput, @Ctx() ctx: RequestContext): Promise<RulesetPayload> {
    const { fromId, ...fields } = input;
    const outcome = await runRulesetMutation(ctx, (tx) => ctx.services.rulesets.createDraft(tx, idOf('TitleRuleset', fromId), fields));
    return { ruleset: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => TitleDefinitionPayload, { description: 'Replaces the pass rule, the indicators and/or the criteria of a definition of a draft ruleset. A published ruleset is read-only (RULESET_PUBLISHED).' })
  async updateTitleDefinition(@Arg('input') input: UpdateTitleDefinitionInput, @Ctx() ctx: RequestContext): Promise<TitleDefinitionPayload> {
    const { id, passRule, indicators, criteria, ...rest } = input;
    const changes = {
      ...rest,
      passRule: passRule
        ? {
            kind: passRule.kind,
            totalPoints: passRule.totalPoints ?? null,
            threshold: passRule.threshold ?? null,
            disadvantagedThreshold: passRule.disadvantagedThreshold ?? null,
            indicatorMinimum: passRule.indicatorMinimum ?? null,
            indicatorMinimumKind: passRule.indicatorMinimumKind ?? null,
            criterionMinimum: passRule.criterionMinimum ?? null,
            criterionMinimumKind: passRule.criterionMinimumKind ?? null,
            levels: passRule.levels ?? null,
          }
        : null,
      indicators: indicators ?? null,
      criteria: criteria ?? null,
    };
    const outcome = await runRulesetMutation(ctx, (tx) => ctx.services.rulesets.updateDefinition(tx, idOf('TitleDefinition', id), changes));
    return { definition: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => RulesetPayload, {
    description:
      'Publishes a draft ruleset after checking it whole (scores add up, thresholds in range, scoring tables rising and within the maximum, every metric known with valid parameters); each problem comes back as a UserError. Published versions are read-only.',
  })
  async publishRuleset(@Arg('input') input: PublishRulesetInput, @Ctx() ctx: RequestContext): Promise<RulesetPayload> {
    const outcome = await runRulesetMutation(ctx, (tx) => ctx.services.rulesets.publish(tx, idOf('TitleRuleset', input.id)));
    return { ruleset: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => DeleteRulesetDraftPayload, { description: 'Deletes a draft ruleset. A published one cannot be deleted (RULESET_PUBLISHED).' })
  async deleteRulesetDraft(@Arg('input') input: DeleteRulesetDraftInput, @Ctx() ctx: RequestContext): Promise<DeleteRulesetDraftPayload> {
    const outcome = await runRulesetMutation(ctx, (tx) => ctx.services.rulesets.deleteDraft(tx, idOf('TitleRuleset', input.id)));
    return { deletedId: outcome.result ? toGlobalId('TitleRuleset', outcome.result) : null, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() ruleset: TitleRuleset, @Ctx() ctx: RequestContext): string {
    return labelOf('RulesetStatus', ruleset.status, ctx.locale);
  }

  @FieldResolver(() => TitleRulesetType, { nullable: true, description: 'The version this one was copied from.' })
  async basedOn(@Root() ruleset: TitleRuleset, @Ctx() ctx: RequestContext): Promise<TitleRuleset | null> {
    return ruleset.basedOn ? rulesetById(ctx).load(ruleset.basedOn.id) : null;
  }

  @FieldResolver(() => [TitleDefinitionType], { description: 'Its title definitions, in the order of evaluation.' })
  definitions(@Root() ruleset: TitleRuleset, @Ctx() ctx: RequestContext): Promise<TitleDefinition[]> {
    return definitionsOfRuleset(ctx).load(ruleset.id);
  }

  @FieldResolver(() => TitleDefinitionType, { nullable: true, description: 'Its definition of one title (and unit level, for LEARNING_COMMUNITY); null when it has none.' })
  async definition(
    @Root() ruleset: TitleRuleset,
    @TitleKindArg() titleKind: TitleKind | null,
    @DeprecatedKindArg() kind: TitleKind | null,
    @Arg('unitLevel', () => UnitLevel, { nullable: true, description: 'For LEARNING_COMMUNITY: the level of the units.' }) unitLevel: UnitLevel | null,
    @Ctx() ctx: RequestContext,
  ): Promise<TitleDefinition | null> {
    const definitions = await definitionsOfRuleset(ctx).load(ruleset.id);
    const wanted = titleKindOf(titleKind, kind);
    return definitions.find((definition) => definition.kind === wanted && definition.unitLevel === (unitLevel ?? null)) ?? null;
  }

  @FieldResolver(() => [UserError], { description: 'What stops this draft from being published, as `publishRuleset` would report it; empty for a published version.' })
  async problems(@Root() ruleset: TitleRuleset, @Ctx() ctx: RequestContext): Promise<UserError[]> {
    const problems = await ctx.services.rulesets.problems(ctx, ruleset);
    return problems.map((problem) => ({ field: problem.path, code: problem.code, message: renderUserErrorMessage(problem, ctx.locale) }));
  }
}

@Resolver(() => TitleDefinitionType)
export class TitleDefinitionResolver {
  @FieldResolver(() => TitleKind, { description: 'The title.' })
  titleKind(@Root() definition: TitleDefinition): TitleKind {
    return definition.kind;
  }

  @FieldResolver(() => String, { description: 'The title, in the language of the request.' })
  kindLabel(@Root() definition: TitleDefinition, @Ctx() ctx: RequestContext): string {
    return labelOf('TitleKind', definition.kind, ctx.locale);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The unit level, in the language of the request.' })
  unitLevelLabel(@Root() definition: TitleDefinition, @Ctx() ctx: RequestContext): string | null {
    return definition.unitLevel ? labelOf('UnitLevel', definition.unitLevel, ctx.locale) : null;
  }

  @FieldResolver(() => PassRuleType, { description: 'How a subject meets the criteria.' })
  passRule(@Root() definition: TitleDefinition, @Ctx() ctx: RequestContext): PassRuleType {
    const rule = passRuleOf(definition);
    return { ...rule, kindLabel: labelOf('PassRuleKind', rule.kind, ctx.locale) };
  }

  @FieldResolver(() => [TitleIndicatorType], { description: 'Its indicators, in order.' })
  indicators(@Root() definition: TitleDefinition, @Ctx() ctx: RequestContext): Promise<TitleIndicator[]> {
    return indicatorsOfDefinition(ctx).load(definition.id);
  }

  @FieldResolver(() => [TitleCriterionType], { description: 'POINTS: the criteria grouping its indicators, in order, with their maximum (the sum of their indicators\'); empty when it has none.' })
  async criteria(@Root() definition: TitleDefinition, @Ctx() ctx: RequestContext): Promise<TitleCriterionType[]> {
    const indicators = await indicatorsOfDefinition(ctx).load(definition.id);
    return definition.criteria.map((criterion, index) => ({
      ...criterion,
      position: index + 1,
      label: ctx.locale === 'en' ? criterion.labelEn : criterion.labelVi,
      maxScore: criterionMaximum(criterion, indicators),
    }));
  }

  @FieldResolver(() => TitleRulesetType, { description: 'The ruleset it belongs to.' })
  async ruleset(@Root() definition: TitleDefinition, @Ctx() ctx: RequestContext): Promise<TitleRuleset | null> {
    return rulesetById(ctx).load(definition.ruleset.id);
  }
}

@Resolver(() => TitleIndicatorType)
export class TitleIndicatorResolver {
  @FieldResolver(() => String, { description: 'The label, in the language of the request.' })
  label(@Root() indicator: TitleIndicator, @Ctx() ctx: RequestContext): string {
    return ctx.locale === 'en' ? indicator.labelEn : indicator.labelVi;
  }

  @FieldResolver(() => String, { description: 'The source, in the language of the request.' })
  sourceLabel(@Root() indicator: TitleIndicator, @Ctx() ctx: RequestContext): string {
    return labelOf('IndicatorSource', indicator.source, ctx.locale);
  }
}
