import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { isProvinceAdmin } from '../../core/actor';
import { Account } from '../../auth/account.entity';
import type { Seek } from '../../infra/keyset';
import { TitleDefinition, TitleIndicator, TitleRuleset, type MetricParams, type ScoringBand, type TitleCriterion } from './ruleset.entity';
import {
  countRulesets,
  findActiveRuleset,
  findDefinitionsOfRulesets,
  findIndicatorsOfDefinitions,
  findRulesets,
  nextVersionOf,
  type RulesetQuery,
} from './ruleset.repository';
import { validateRuleset, type DefinitionData, type IndicatorData, type PassRuleData, type Problem } from './ruleset-validation';
import { RulesetStatus, type IndicatorSource } from '../titles.enums';

/** Thrown when a ruleset fails validation: every problem becomes a UserError of the payload. */
export class RulesetInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`the ruleset has ${problems.length} problem(s)`);
  }
}

export interface IndicatorFields {
  code: string;
  labelVi: string;
  labelEn: string;
  source: IndicatorSource;
  maxScore?: number | null;
  metric?: string | null;
  metricParams?: MetricParams | null;
  scoring?: ScoringBand[] | null;
  level?: number | null;
  metAtLeast?: number | null;
  appliesTo?: string[] | null;
}

export interface DefinitionChanges {
  passRule?: PassRuleData | null;
  indicators?: IndicatorFields[] | null;
  criteria?: TitleCriterion[] | null;
  recognitionValidityYears?: number | null;
  basis?: string | null;
}

export interface DraftFields {
  code?: string | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
  description?: string | null;
}

export function passRuleOf(definition: TitleDefinition): PassRuleData {
  return {
    kind: definition.passRule,
    totalPoints: definition.totalPoints,
    threshold: definition.passThreshold,
    disadvantagedThreshold: definition.disadvantagedThreshold,
    indicatorMinimum: definition.indicatorMinimum,
    indicatorMinimumKind: definition.indicatorMinimumKind,
    criterionMinimum: definition.criterionMinimum,
    criterionMinimumKind: definition.criterionMinimumKind,
    levels: definition.checklistLevels,
  };
}

function indicatorData(indicator: TitleIndicator): IndicatorData {
  return {
    code: indicator.code,
    source: indicator.source,
    maxScore: indicator.maxScore,
    metric: indicator.metric,
    metricParams: indicator.metricParams,
    scoring: indicator.scoring,
    level: indicator.level,
    metAtLeast: indicator.metAtLeast,
    appliesTo: indicator.appliesTo,
  };
}

/**
 * Versioned criteria: anyone reads published rulesets; province administrators copy one into a
 * draft, edit its definitions, publish it (validated) or delete it. Published versions never change.
 */
export class RulesetService {
  canSee(ctx: RequestContext, ruleset: TitleRuleset): boolean {
    return ruleset.status === RulesetStatus.PUBLISHED || isProvinceAdmin(ctx.actor);
  }

  /** A ruleset the actor may see; drafts are as if missing to anyone but province admins. */
  async getVisible(ctx: RequestContext, id: string): Promise<TitleRuleset> {
    const ruleset = await ctx.em.findOne(TitleRuleset, { id });
    if (!ruleset || !this.canSee(ctx, ruleset)) throw new NotFoundError('The ruleset');
    return ruleset;
  }

  /** Drafts are listed only for province admins, whatever the filter asks. */
  toQuery(ctx: RequestContext, filter: { code?: string | null; statuses?: RulesetStatus[] | null }): RulesetQuery {
    const statuses = filter.statuses?.length ? filter.statuses : [RulesetStatus.PUBLISHED, RulesetStatus.DRAFT];
    return {
      code: filter.code ?? null,
      statuses: isProvinceAdmin(ctx.actor) ? statuses : statuses.filter((status) => status === RulesetStatus.PUBLISHED),
    };
  }

  find(ctx: RequestContext, query: RulesetQuery, seek: Seek) {
    return findRulesets(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: RulesetQuery): Promise<number> {
    return countRulesets(ctx.em, query);
  }

  /** The published ruleset in force on a calendar day, or null. */
  active(ctx: RequestContext, day: string): Promise<TitleRuleset | null> {
    return findActiveRuleset(ctx.em, day);
  }

  /** What stops a draft from being published (nothing for a published version). */
  async problems(ctx: RequestContext, ruleset: TitleRuleset): Promise<Problem[]> {
    if (ruleset.status === RulesetStatus.PUBLISHED) return [];
    const definitions = await findDefinitionsOfRulesets(ctx.em, [ruleset.id]);
    const indicators = await findIndicatorsOfDefinitions(ctx.em, definitions.map((definition) => definition.id));
    return validateRuleset({
      effectiveFrom: ruleset.effectiveFrom,
      effectiveTo: ruleset.effectiveTo,
      definitions: definitions.map(
        (definition): DefinitionData => ({
          kind: definition.kind,
          unitLevel: definition.unitLevel,
          passRule: passRuleOf(definition),
          indicators: indicators.filter((indicator) => indicator.definition.id === definition.id).map(indicatorData),
          criteria: definition.criteria,
        }),
      ),
    });
  }

  /** Transactional. Copies a published version into a new draft: the next version of its code, or version 1 of a new code. */
  async createDraft(ctx: RequestContext, fromId: string, fields: DraftFields): Promise<TitleRuleset> {
    this.requireAdmin(ctx);
    const source = await this.getVisible(ctx, fromId);
    if (source.status !== RulesetStatus.PUBLISHED) throw new UserInputError('RULESET_NOT_PUBLISHED', ['fromId']);
    if (fields.effectiveTo && fields.effectiveTo < fields.effectiveFrom) {
      throw new UserInputError('INVALID_PERIOD', ['effectiveTo']);
    }
    const code = fields.code?.trim() || source.code;
    const draft = ctx.em.create(TitleRuleset, {
      code,
      version: await nextVersionOf(ctx.em, code),
      effectiveFrom: fields.effectiveFrom,
      effectiveTo: fields.effectiveTo ?? null,
      description: fields.description?.trim() || source.description,
      basedOn: source,
      createdBy: this.actorAccount(ctx),
    });
    const definitions = await findDefinitionsOfRulesets(ctx.em, [source.id]);
    const indicators = await findIndicatorsOfDefinitions(ctx.em, definitions.map((definition) => definition.id));
    for (const definition of definitions) {
      const copy = ctx.em.create(TitleDefinition, {
        ruleset: draft,
        kind: definition.kind,
        unitLevel: definition.unitLevel,
        position: definition.position,
        basis: definition.basis,
        passRule: definition.passRule,
        recognitionValidityYears: definition.recognitionValidityYears,
        criteria: definition.criteria.map((criterion) => ({ ...criterion, indicatorCodes: [...criterion.indicatorCodes] })),
      });
      this.assignPassRule(copy, passRuleOf(definition));
      const own = indicators.filter((indicator) => indicator.definition.id === definition.id);
      this.createIndicators(ctx, copy, own.map((indicator) => ({ ...indicatorData(indicator), labelVi: indicator.labelVi, labelEn: indicator.labelEn })));
    }
    await ctx.em.flush();
    return draft;
  }

  /** Transactional. Replaces the pass rule, the indicators and/or the criteria of a definition of a draft; consistency is checked on publishing. */
  async updateDefinition(ctx: RequestContext, id: string, changes: DefinitionChanges): Promise<TitleDefinition> {
    this.requireAdmin(ctx);
    const definition = await ctx.em.findOne(TitleDefinition, { id }, { populate: ['ruleset'] });
    if (!definition) throw new NotFoundError('The title definition');
    this.requireDraft(definition.ruleset, 'id');
    if (changes.passRule) this.assignPassRule(definition, changes.passRule);
    if (changes.recognitionValidityYears !== undefined) definition.recognitionValidityYears = changes.recognitionValidityYears;
    if (changes.basis !== undefined) definition.basis = changes.basis?.trim() || null;
    if (changes.criteria) {
      definition.criteria = changes.criteria.map((criterion) => ({
        code: criterion.code,
        labelVi: criterion.labelVi.trim(),
        labelEn: criterion.labelEn.trim(),
        indicatorCodes: [...criterion.indicatorCodes],
      }));
    }
    if (changes.indicators) {
      this.checkUniqueCodes(changes.indicators);
      await ctx.em.nativeDelete(TitleIndicator, { definition });
      this.createIndicators(ctx, definition, changes.indicators);
    }
    await ctx.em.flush();
    return definition;
  }

  /** Transactional. Publishes a draft when it passes validation; every problem is reported at once otherwise. */
  async publish(ctx: RequestContext, id: string): Promise<TitleRuleset> {
    this.requireAdmin(ctx);
    const ruleset = await this.getVisible(ctx, id);
    this.requireDraft(ruleset, 'id');
    const problems = await this.problems(ctx, ruleset);
    if (problems.length) throw new RulesetInvalidError(problems);
    ruleset.status = RulesetStatus.PUBLISHED;
    ruleset.publishedAt = ctx.now;
    ruleset.publishedBy = this.actorAccount(ctx);
    await ctx.em.flush();
    return ruleset;
  }

  /** Transactional. Deletes a draft with its definitions; a published version cannot be deleted. */
  async deleteDraft(ctx: RequestContext, id: string): Promise<string> {
    this.requireAdmin(ctx);
    const ruleset = await this.getVisible(ctx, id);
    this.requireDraft(ruleset, 'id');
    await ctx.em.nativeDelete(TitleRuleset, { id: ruleset.id });
    return ruleset.id;
  }

  private requireAdmin(ctx: RequestContext): void {
    if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only a province administrator may change rulesets');
  }

  private actorAccount(ctx: RequestContext): Account | null {
    return ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
  }

  private requireDraft(ruleset: TitleRuleset, field: string): void {
    if (ruleset.status === RulesetStatus.PUBLISHED) {
      throw new UserInputError('RULESET_PUBLISHED', [field], { code: ruleset.code, version: ruleset.version });
    }
  }

  private assignPassRule(definition: TitleDefinition, rule: PassRuleData): void {
    definition.passRule = rule.kind;
    definition.totalPoints = rule.totalPoints;
    definition.passThreshold = rule.threshold;
    definition.disadvantagedThreshold = rule.disadvantagedThreshold;
    definition.indicatorMinimum = rule.indicatorMinimum;
    definition.indicatorMinimumKind = rule.indicatorMinimumKind;
    definition.criterionMinimum = rule.criterionMinimum;
    definition.criterionMinimumKind = rule.criterionMinimumKind;
    definition.checklistLevels = rule.levels;
  }

  private checkUniqueCodes(indicators: IndicatorFields[]): void {
    const seen = new Set<string>();
    indicators.forEach((indicator, index) => {
      if (seen.has(indicator.code)) {
        throw new UserInputError('DUPLICATE_INDICATOR_CODE', ['indicators', String(index), 'code'], { code: indicator.code });
      }
      seen.add(indicator.code);
    });
  }

  private createIndicators(ctx: RequestContext, definition: TitleDefinition, indicators: IndicatorFields[]): void {
    indicators.forEach((indicator, index) =>
      ctx.em.create(TitleIndicator, {
        definition,
        position: index + 1,
        code: indicator.code,
        labelVi: indicator.labelVi.trim(),
        labelEn: indicator.labelEn.trim(),
        source: indicator.source,
        maxScore: indicator.maxScore ?? null,
        metric: indicator.metric ?? null,
        metricParams: indicator.metricParams ?? null,
        scoring: indicator.scoring?.map((band) => ({ atLeast: band.atLeast, points: band.points })) ?? null,
        level: indicator.level ?? null,
        metAtLeast: indicator.metAtLeast ?? null,
        appliesTo: indicator.appliesTo ?? null,
      }),
    );
  }
}
