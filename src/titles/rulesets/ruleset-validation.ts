import { ORGANISATION_KINDS, METRICS, VALUE_RANGE, isMetricName, subjectOf, type ParamSpec } from '../engine/metrics';
import type { MetricParams, ScoringBand, TitleCriterion } from './ruleset.entity';
import { IndicatorMinimumKind, IndicatorSource, PassRuleKind, TitleKind } from '../titles.enums';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { coded, type CodedMessage } from '../../core/user-error-messages';

/** A reason a ruleset cannot be published, with the path to the value at fault; its message is written in the request's language where it is shown. */
export interface Problem extends CodedMessage {
  path: string[];
}

export enum ProblemCode {
  INVALID_PERIOD = 'INVALID_PERIOD',
  NO_DEFINITIONS = 'NO_DEFINITIONS',
  NO_INDICATORS = 'NO_INDICATORS',
  DUPLICATE_INDICATOR_CODE = 'DUPLICATE_INDICATOR_CODE',
  MISSING_PASS_RULE_FIELD = 'MISSING_PASS_RULE_FIELD',
  INDICATOR_SCORES_DO_NOT_ADD_UP = 'INDICATOR_SCORES_DO_NOT_ADD_UP',
  THRESHOLD_OUT_OF_RANGE = 'THRESHOLD_OUT_OF_RANGE',
  INVALID_MAX_SCORE = 'INVALID_MAX_SCORE',
  FIELD_NOT_ALLOWED = 'FIELD_NOT_ALLOWED',
  MISSING_METRIC = 'MISSING_METRIC',
  UNKNOWN_METRIC = 'UNKNOWN_METRIC',
  METRIC_NOT_FOR_TITLE = 'METRIC_NOT_FOR_TITLE',
  INVALID_METRIC_PARAMS = 'INVALID_METRIC_PARAMS',
  MISSING_SCORING = 'MISSING_SCORING',
  SCORING_NOT_MONOTONIC = 'SCORING_NOT_MONOTONIC',
  SCORE_OUT_OF_RANGE = 'SCORE_OUT_OF_RANGE',
  INVALID_LEVELS = 'INVALID_LEVELS',
  LEVEL_OUT_OF_RANGE = 'LEVEL_OUT_OF_RANGE',
  LEVEL_WITHOUT_INDICATORS = 'LEVEL_WITHOUT_INDICATORS',
  MISSING_THRESHOLD = 'MISSING_THRESHOLD',
  INVALID_APPLIES_TO = 'INVALID_APPLIES_TO',
  DUPLICATE_CRITERION_CODE = 'DUPLICATE_CRITERION_CODE',
  CRITERION_WITHOUT_INDICATORS = 'CRITERION_WITHOUT_INDICATORS',
  UNKNOWN_CRITERION_INDICATOR = 'UNKNOWN_CRITERION_INDICATOR',
  INDICATOR_IN_TWO_CRITERIA = 'INDICATOR_IN_TWO_CRITERIA',
  CRITERION_MINIMUM_WITHOUT_CRITERIA = 'CRITERION_MINIMUM_WITHOUT_CRITERIA',
}

export const MAX_CHECKLIST_LEVELS = 5;

export interface PassRuleData {
  kind: PassRuleKind;
  totalPoints: number | null;
  threshold: number | null;
  disadvantagedThreshold: number | null;
  indicatorMinimum: number | null;
  indicatorMinimumKind: IndicatorMinimumKind | null;
  criterionMinimum: number | null;
  criterionMinimumKind: IndicatorMinimumKind | null;
  levels: number | null;
}

export interface IndicatorData {
  code: string;
  source: IndicatorSource;
  maxScore: number | null;
  metric: string | null;
  metricParams: MetricParams | null;
  scoring: ScoringBand[] | null;
  level: number | null;
  metAtLeast: number | null;
  appliesTo: string[] | null;
}

export interface DefinitionData {
  kind: TitleKind;
  unitLevel: UnitLevel | null;
  passRule: PassRuleData;
  indicators: IndicatorData[];
  criteria: TitleCriterion[];
}

export interface RulesetData {
  effectiveFrom: string;
  effectiveTo: string | null;
  definitions: DefinitionData[];
}

type Report = (path: string[], message: CodedMessage) => void;

/** Every problem that stops a ruleset from being published; paths start at `ruleset`. */
export function validateRuleset(ruleset: RulesetData): Problem[] {
  const problems: Problem[] = [];
  if (ruleset.effectiveTo !== null && ruleset.effectiveTo < ruleset.effectiveFrom) {
    problems.push({ path: ['ruleset', 'effectiveTo'], ...coded('INVALID_PERIOD') });
  }
  if (!ruleset.definitions.length) problems.push({ path: ['ruleset', 'definitions'], ...coded('NO_DEFINITIONS') });
  for (const definition of ruleset.definitions) {
    const key = subjectOf(definition.kind, definition.unitLevel);
    problems.push(...validateDefinition(definition, ['ruleset', 'definitions', key], (indicator) => indicator.code));
  }
  return problems;
}

/** Every problem of one definition; `indicatorKey` names an indicator in paths (its code, or its index in an input). */
export function validateDefinition(definition: DefinitionData, base: string[], indicatorKey: (indicator: IndicatorData, index: number) => string): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) => problems.push({ path: [...base, ...path], ...message });
  if (!definition.indicators.length) report(['indicators'], coded('NO_INDICATORS'));
  const seen = new Set<string>();
  definition.indicators.forEach((indicator, index) => {
    const at = (...rest: string[]) => ['indicators', indicatorKey(indicator, index), ...rest];
    if (seen.has(indicator.code)) report(at('code'), coded('DUPLICATE_INDICATOR_CODE', { code: indicator.code }));
    seen.add(indicator.code);
    checkIndicator(definition, indicator, (path, message) => report(at(...path), message));
  });
  if (definition.passRule.kind === PassRuleKind.POINTS) checkPointsRule(definition, report);
  else checkChecklistRule(definition, report);
  return problems;
}

function checkPointsRule(definition: DefinitionData, report: Report): void {
  const rule = definition.passRule;
  const at = (field: string) => ['passRule', field];
  if (rule.levels !== null) report(at('levels'), coded('FIELD_NOT_ALLOWED'));
  if (rule.totalPoints === null || rule.totalPoints <= 0) {
    report(at('totalPoints'), coded('MISSING_PASS_RULE_FIELD'));
    return;
  }
  const total = rule.totalPoints;
  const sum = definition.indicators.reduce((acc, indicator) => acc + (indicator.maxScore ?? 0), 0);
  if (Math.abs(sum - total) > 1e-9) {
    report(['indicators'], coded('INDICATOR_SCORES_DO_NOT_ADD_UP', { sum, total }));
  }
  if (rule.threshold === null) report(at('threshold'), coded('MISSING_PASS_RULE_FIELD'));
  else if (rule.threshold <= 0 || rule.threshold > total) report(at('threshold'), coded('THRESHOLD_OUT_OF_RANGE', { value: rule.threshold, range: `(0, ${total}]` }));
  if (rule.disadvantagedThreshold !== null && (rule.disadvantagedThreshold <= 0 || (rule.threshold !== null && rule.disadvantagedThreshold > rule.threshold))) {
    report(at('disadvantagedThreshold'), coded('THRESHOLD_OUT_OF_RANGE', { value: rule.disadvantagedThreshold, range: `(0, ${rule.threshold ?? ''}]` }));
  }
  const { indicatorMinimum, indicatorMinimumKind, criterionMinimum, criterionMinimumKind } = rule;
  checkMinimum({ value: indicatorMinimum, kind: indicatorMinimumKind, field: 'indicatorMinimum' }, definition.indicators.map((indicator) => indicator.maxScore ?? Infinity), report);
  checkCriteria(definition, report);
  if (criterionMinimum !== null && !definition.criteria.length) {
    report(['passRule', 'criterionMinimum'], coded('CRITERION_MINIMUM_WITHOUT_CRITERIA'));
    return;
  }
  const maxima = definition.criteria.map((criterion) => criterionMaximum(criterion, definition.indicators));
  checkMinimum({ value: criterionMinimum, kind: criterionMinimumKind, field: 'criterionMinimum' }, maxima, report);
}

/** The most a criterion can score: the sum of its indicators' maximum scores. */
export function criterionMaximum(criterion: TitleCriterion, indicators: { code: string; maxScore: number | null }[]): number {
  return indicators.filter((indicator) => criterion.indicatorCodes.includes(indicator.code)).reduce((sum, indicator) => sum + (indicator.maxScore ?? 0), 0);
}

/** A per-indicator or per-criterion minimum: both a value and a kind, a fraction in (0, 1], points above 0 and at most the smallest maximum. */
function checkMinimum(minimum: { value: number | null; kind: IndicatorMinimumKind | null; field: 'indicatorMinimum' | 'criterionMinimum' }, maxima: number[], report: Report): void {
  const { value, kind, field } = minimum;
  if (value === null && kind === null) return;
  if (value === null || kind === null) {
    report(['passRule', value === null ? field : `${field}Kind`], coded('MISSING_PASS_RULE_FIELD'));
    return;
  }
  const path = ['passRule', field];
  if (kind === IndicatorMinimumKind.FRACTION_OF_MAXIMUM) {
    if (value <= 0 || value > 1) report(path, coded('THRESHOLD_OUT_OF_RANGE', { value, range: '(0, 1]' }));
    return;
  }
  const smallest = Math.min(...maxima);
  if (value <= 0 || value > smallest) report(path, coded('THRESHOLD_OUT_OF_RANGE', { value, range: `(0, ${smallest}]` }));
}

/** Criteria have distinct codes and at least one indicator; each names indicators of the definition, none named twice. */
function checkCriteria(definition: DefinitionData, report: Report): void {
  const codes = new Set(definition.indicators.map((indicator) => indicator.code));
  const seenCriteria = new Set<string>();
  const owner = new Map<string, string>();
  for (const criterion of definition.criteria) {
    const at = (...rest: string[]) => ['criteria', criterion.code, ...rest];
    if (seenCriteria.has(criterion.code)) report(at('code'), coded('DUPLICATE_CRITERION_CODE', { code: criterion.code }));
    seenCriteria.add(criterion.code);
    if (!criterion.indicatorCodes.length) report(at('indicatorCodes'), coded('CRITERION_WITHOUT_INDICATORS', { criterion: criterion.code }));
    for (const code of criterion.indicatorCodes) {
      if (!codes.has(code)) report(at('indicatorCodes', code), coded('UNKNOWN_CRITERION_INDICATOR', { indicator: code }));
      const other = owner.get(code);
      if (other !== undefined) report(at('indicatorCodes', code), coded('INDICATOR_IN_TWO_CRITERIA', { indicator: code }));
      else owner.set(code, criterion.code);
    }
  }
}

function checkChecklistRule(definition: DefinitionData, report: Report): void {
  const rule = definition.passRule;
  for (const field of ['totalPoints', 'threshold', 'disadvantagedThreshold', 'indicatorMinimum', 'indicatorMinimumKind', 'criterionMinimum', 'criterionMinimumKind'] as const) {
    if (rule[field] !== null) report(['passRule', field], coded('FIELD_NOT_ALLOWED'));
  }
  if (definition.criteria.length) report(['criteria'], coded('FIELD_NOT_ALLOWED'));
  const levels = rule.levels;
  if (levels === null || !Number.isInteger(levels) || levels < 1 || levels > MAX_CHECKLIST_LEVELS) {
    report(['passRule', 'levels'], coded('INVALID_LEVELS', { max: MAX_CHECKLIST_LEVELS }));
    return;
  }
  for (let level = 1; level <= levels; level += 1) {
    if (!definition.indicators.some((indicator) => indicator.level === level)) {
      report(['passRule', 'levels'], coded('LEVEL_WITHOUT_INDICATORS', { level }));
    }
  }
}

function checkIndicator(definition: DefinitionData, indicator: IndicatorData, report: Report): void {
  const points = definition.passRule.kind === PassRuleKind.POINTS;
  if (points) {
    if (indicator.maxScore === null || indicator.maxScore <= 0) report(['maxScore'], coded('INVALID_MAX_SCORE'));
    if (indicator.level !== null) report(['level'], coded('FIELD_NOT_ALLOWED'));
    if (indicator.metAtLeast !== null) report(['metAtLeast'], coded('FIELD_NOT_ALLOWED'));
  } else {
    if (indicator.maxScore !== null) report(['maxScore'], coded('FIELD_NOT_ALLOWED'));
    if (indicator.scoring !== null) report(['scoring'], coded('FIELD_NOT_ALLOWED'));
    const levels = definition.passRule.levels ?? 0;
    if (indicator.level === null || !Number.isInteger(indicator.level) || indicator.level < 1 || indicator.level > levels) {
      report(['level'], coded('LEVEL_OUT_OF_RANGE', { max: levels }));
    }
  }
  if (indicator.appliesTo !== null) checkAppliesTo(definition, indicator.appliesTo, report);
  if (indicator.source === IndicatorSource.ATTESTED) {
    for (const field of ['metric', 'metricParams', 'scoring', 'metAtLeast'] as const) {
      if (indicator[field] !== null) report([field], coded('FIELD_NOT_ALLOWED'));
    }
    return;
  }
  checkMetric(definition, indicator, report);
}

function checkAppliesTo(definition: DefinitionData, appliesTo: string[], report: Report): void {
  // Organisations are the subjects of LEARNING_UNIT and of COLLECTIVE_EMULATION without a unit level.
  const ofOrganisations = definition.kind === TitleKind.LEARNING_UNIT || (definition.kind === TitleKind.COLLECTIVE_EMULATION && definition.unitLevel === null);
  if (!ofOrganisations) {
    report(['appliesTo'], coded('INVALID_APPLIES_TO'));
    return;
  }
  const unknown = appliesTo.filter((kind) => !(ORGANISATION_KINDS as readonly string[]).includes(kind));
  if (!appliesTo.length || unknown.length) {
    report(['appliesTo'], coded('INVALID_APPLIES_TO'));
  }
}

function checkMetric(definition: DefinitionData, indicator: IndicatorData, report: Report): void {
  if (indicator.metric === null) {
    report(['metric'], coded('MISSING_METRIC'));
    return;
  }
  if (!isMetricName(indicator.metric)) {
    report(['metric'], coded('UNKNOWN_METRIC', { metric: indicator.metric }));
    return;
  }
  const spec = METRICS[indicator.metric];
  const subject = subjectOf(definition.kind, definition.unitLevel);
  if (!spec.subjects.includes(subject)) report(['metric'], coded('METRIC_NOT_FOR_TITLE', { metric: spec.name }));
  checkParams(spec.params, indicator.metricParams ?? {}, ['metricParams'], report);
  const range = VALUE_RANGE[spec.value];
  const inRange = (value: number) => value >= range.min && (range.max === null || value <= range.max);
  const rangeText = `[${range.min}, ${range.max ?? '∞'}]`;
  if (definition.passRule.kind === PassRuleKind.CHECKLIST) {
    if (indicator.metAtLeast === null) report(['metAtLeast'], coded('MISSING_THRESHOLD'));
    else if (!inRange(indicator.metAtLeast)) report(['metAtLeast'], coded('THRESHOLD_OUT_OF_RANGE', { value: indicator.metAtLeast, range: rangeText }));
    return;
  }
  if (!indicator.scoring?.length) {
    report(['scoring'], coded('MISSING_SCORING'));
    return;
  }
  checkScoring(indicator.scoring, indicator.maxScore, inRange, rangeText, report);
}

function checkScoring(scoring: ScoringBand[], maxScore: number | null, inRange: (value: number) => boolean, rangeText: string, report: Report): void {
  scoring.forEach((band, index) => {
    const at = (field: string) => ['scoring', String(index), field];
    if (!inRange(band.atLeast)) report(at('atLeast'), coded('THRESHOLD_OUT_OF_RANGE', { value: band.atLeast, range: rangeText }));
    if (band.points < 0 || (maxScore !== null && band.points > maxScore)) {
      report(at('points'), coded('SCORE_OUT_OF_RANGE', { max: maxScore ?? 0 }));
    }
    const previous = scoring[index - 1];
    if (previous && (band.atLeast <= previous.atLeast || band.points <= previous.points)) {
      report(at('atLeast'), coded('SCORING_NOT_MONOTONIC'));
    }
  });
}

/** Checks metric parameters against their specs: known names, required ones present, values of the right type. */
function checkParams(specs: Record<string, ParamSpec>, params: MetricParams, base: string[], report: Report): void {
  for (const name of Object.keys(params)) {
    if (!(name in specs)) report([...base, name], coded('INVALID_METRIC_PARAMS', { param: name }));
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = params[name];
    const path = [...base, name];
    if (value === undefined || value === null) {
      if (spec.required) report(path, coded('INVALID_METRIC_PARAMS', { param: name }));
      continue;
    }
    if (!paramFits(spec, value, path, report)) report(path, coded('INVALID_METRIC_PARAMS', { param: name }));
  }
}

/** Whether a parameter's value has its spec's type and range; a list of objects has each item's fields checked (and reported) too. */
function paramFits(spec: ParamSpec, value: unknown, path: string[], report: Report): boolean {
  switch (spec.type) {
    case 'integer':
      return Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max;
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value);
    case 'enumList':
      return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && spec.values.includes(item));
    case 'objectList':
      if (!Array.isArray(value) || !value.length || !value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) return false;
      value.forEach((item: MetricParams, index) => checkParams(spec.fields, item, [...path, String(index)], report));
      return true;
  }
}
