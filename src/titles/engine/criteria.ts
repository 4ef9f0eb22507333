import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '../../core/time';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { minimumOf, type EvaluatedIndicator, type PassRule, type PointsRule } from './evaluation.sql';
import { MetricName } from './metrics';
import type { Criteria } from '../progress/progress.repository';
import type { CriterionText, IndicatorText } from '../progress/explanation';
import { TitleDefinition, TitleIndicator, TitleRuleset } from '../rulesets/ruleset.entity';
import { findActiveRuleset } from '../rulesets/ruleset.repository';
import { criterionMaximum } from '../rulesets/ruleset-validation';
import { PassRuleKind, TitleKind } from '../titles.enums';

/** The day whose ruleset a year is evaluated with: 31 December, or today while the year runs. */
export function rulesetDayFor(year: number, now: Date): string {
  const today = todayInVietnam(now);
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

export function rulesetForYear(em: EntityManager, year: number, now: Date): Promise<TitleRuleset | null> {
  return findActiveRuleset(em, rulesetDayFor(year, now));
}

export interface LoadedCriteria extends Criteria {
  definition: TitleDefinition;
  /** The ruleset's indicators, in order, for labels and explanations. */
  indicatorRows: TitleIndicator[];
}

/** The rule and indicators of a definition, as the evaluation reads them. */
export function criteriaOf(rulesetId: string, definition: TitleDefinition, indicatorRows: TitleIndicator[]): LoadedCriteria {
  const rule: PassRule =
    definition.passRule === PassRuleKind.POINTS
      ? {
          kind: PassRuleKind.POINTS,
          threshold: definition.passThreshold ?? 0,
          disadvantagedThreshold: definition.disadvantagedThreshold,
          indicatorMinimum: definition.indicatorMinimum,
          indicatorMinimumKind: definition.indicatorMinimumKind,
          criteria: definition.criteria.map((criterion) => {
            const maxScore = criterionMaximum(criterion, indicatorRows);
            return { code: criterion.code, indicatorCodes: criterion.indicatorCodes, maxScore, minimum: minimumOf(definition.criterionMinimum, definition.criterionMinimumKind, maxScore) };
          }),
        }
      : { kind: PassRuleKind.CHECKLIST, levels: definition.checklistLevels ?? 1 };
  return {
    definition,
    indicatorRows,
    rulesetId,
    rule,
    indicators: indicatorRows.map(
      (row): EvaluatedIndicator => ({
        code: row.code,
        source: row.source,
        maxScore: definition.passRule === PassRuleKind.POINTS ? (row.maxScore ?? 0) : 1,
        metric: row.metric,
        metricParams: row.metricParams,
        scoring: row.scoring,
        level: row.level,
        metAtLeast: row.metAtLeast,
        appliesTo: row.appliesTo,
        attestedWithoutValue: row.metric === MetricName.MANDATORY_PROGRAMME_COMPLETION_SHARE,
      }),
    ),
  };
}

/** The criteria of a definition with their labels, maximum and minimum, for the texts of progress and awards. */
export function criterionTexts(criteria: LoadedCriteria): CriterionText[] {
  if (criteria.rule.kind !== PassRuleKind.POINTS) return [];
  const rule = criteria.rule;
  return criteria.definition.criteria.map((criterion, index) => {
    const evaluated = rule.criteria[index];
    return { ...criterion, maxScore: evaluated?.maxScore ?? 0, minimum: evaluated?.minimum ?? null };
  });
}

/** What the explanations need of each indicator of a definition, in its order. */
export function indicatorTexts(criteria: LoadedCriteria): IndicatorText[] {
  return criteria.indicatorRows.map((indicator) => ({
    code: indicator.code,
    labelVi: indicator.labelVi,
    labelEn: indicator.labelEn,
    maxScore: indicator.maxScore ?? 0,
    metric: indicator.metric,
    metricParams: indicator.metricParams,
    scoring: indicator.scoring,
    level: indicator.level,
  }));
}

/** The criteria of a title (and unit level, for LEARNING_COMMUNITY) in a ruleset; null when it has none. */
export async function loadCriteria(em: EntityManager, rulesetId: string, kind: TitleKind, unitLevel: UnitLevel | null): Promise<LoadedCriteria | null> {
  const definition = await em.findOne(TitleDefinition, { ruleset: rulesetId, kind, unitLevel });
  if (!definition) return null;
  if (definition.passRule === PassRuleKind.POINTS && definition.passThreshold === null) throw new Error(`the definition ${definition.id} is a points rule without a threshold`);
  const indicatorRows = await em.find(TitleIndicator, { definition }, { orderBy: { position: 'asc' } });
  return criteriaOf(rulesetId, definition, indicatorRows);
}

/** The LEARNING_CITIZEN criteria of a ruleset; null when it has none. Only points rules exist for citizens. */
export async function loadCitizenCriteria(em: EntityManager, rulesetId: string): Promise<(LoadedCriteria & { rule: PointsRule }) | null> {
  const criteria = await loadCriteria(em, rulesetId, TitleKind.LEARNING_CITIZEN, null);
  if (criteria && criteria.rule.kind !== PassRuleKind.POINTS) {
    throw new Error(`the LEARNING_CITIZEN definition ${criteria.definition.id} is not a points rule, which the engine does not evaluate for citizens`);
  }
  return criteria as (LoadedCriteria & { rule: PointsRule }) | null;
}
