import { ProblemCode, validateDefinition, type DefinitionData, type IndicatorData } from '../../src/titles/rulesets/ruleset-validation';
import { IndicatorMinimumKind, IndicatorSource, PassRuleKind, TitleKind } from '../../src/titles/titles.enums';

function indicator(overrides: Partial<IndicatorData>): IndicatorData {
  return { code: 'X', source: IndicatorSource.ATTESTED, maxScore: null, metric: null, metricParams: null, scoring: null, level: null, metAtLeast: null, appliesTo: null, ...overrides };
}

function points(indicators: IndicatorData[], overrides: Partial<DefinitionData['passRule']> = {}): DefinitionData {
  return {
    kind: TitleKind.LEARNING_FAMILY,
    unitLevel: null,
    passRule: { kind: PassRuleKind.POINTS, totalPoints: 20, threshold: 16, disadvantagedThreshold: null, indicatorMinimum: null, indicatorMinimumKind: null, criterionMinimum: null, criterionMinimumKind: null, levels: null, ...overrides },
    indicators,
    criteria: [],
  };
}

function checklist(indicators: IndicatorData[]): DefinitionData {
  return {
    kind: TitleKind.LEARNING_UNIT,
    unitLevel: null,
    passRule: { kind: PassRuleKind.CHECKLIST, totalPoints: null, threshold: null, disadvantagedThreshold: null, indicatorMinimum: null, indicatorMinimumKind: null, criterionMinimum: null, criterionMinimumKind: null, levels: 2 },
    indicators,
    criteria: [],
  };
}

const codes = (definition: DefinitionData) => validateDefinition(definition, [], (item) => item.code).map((problem) => [problem.path.join('.'), problem.code]);

describe('validation of a title definition', () => {
  it('accepts a consistent points definition', () => {
    const share = indicator({ code: 'SHARE', source: IndicatorSource.AUTO, maxScore: 10, metric: 'CITIZEN_TITLE_SHARE', metricParams: { ageMin: 15 }, scoring: [{ atLeast: 0.25, points: 5 }, { atLeast: 0.5, points: 10 }] });
    expect(codes(points([share, indicator({ code: 'A', maxScore: 10 })], { indicatorMinimum: 0.5, indicatorMinimumKind: IndicatorMinimumKind.FRACTION_OF_MAXIMUM }))).toEqual([]);
  });

  it('needs a fraction of the maximum to be at most 1 and an absolute minimum within the smallest maximum', () => {
    const both = [indicator({ code: 'A', maxScore: 5 }), indicator({ code: 'B', maxScore: 15 })];
    expect(codes(points(both, { indicatorMinimum: 1.5, indicatorMinimumKind: IndicatorMinimumKind.FRACTION_OF_MAXIMUM }))).toEqual([['passRule.indicatorMinimum', ProblemCode.THRESHOLD_OUT_OF_RANGE]]);
    expect(codes(points(both, { indicatorMinimum: 6, indicatorMinimumKind: IndicatorMinimumKind.ABSOLUTE }))).toEqual([['passRule.indicatorMinimum', ProblemCode.THRESHOLD_OUT_OF_RANGE]]);
    expect(codes(points(both, { indicatorMinimum: 5 }))).toEqual([['passRule.indicatorMinimumKind', ProblemCode.MISSING_PASS_RULE_FIELD]]);
  });

  it('refuses a disadvantaged threshold above the threshold', () => {
    expect(codes(points([indicator({ code: 'A', maxScore: 20 })], { disadvantagedThreshold: 18 }))).toEqual([['passRule.disadvantagedThreshold', ProblemCode.THRESHOLD_OUT_OF_RANGE]]);
  });

  it('refuses a metric on an ATTESTED indicator and points fields on a checklist', () => {
    const wrong = indicator({ code: 'A', maxScore: 3, level: 1, metric: 'ATTENDED_SESSIONS' });
    expect(codes(checklist([wrong, indicator({ code: 'B', level: 2 })]))).toEqual([
      ['indicators.A.maxScore', ProblemCode.FIELD_NOT_ALLOWED],
      ['indicators.A.metric', ProblemCode.FIELD_NOT_ALLOWED],
    ]);
  });

  it('needs the threshold of an AUTO checklist indicator within the range of its metric, and a level in range', () => {
    const share = indicator({ code: 'S', source: IndicatorSource.AUTO, metric: 'CITIZEN_TITLE_SHARE', metricParams: {}, level: 1, metAtLeast: 90 });
    const missing = indicator({ code: 'M', source: IndicatorSource.AUTO_OR_ATTESTED, metric: 'MANDATORY_PROGRAMME_COMPLETION_SHARE', level: 3 });
    expect(codes(checklist([share, missing, indicator({ code: 'B', level: 2 })]))).toEqual([
      ['indicators.S.metAtLeast', ProblemCode.THRESHOLD_OUT_OF_RANGE],
      ['indicators.M.level', ProblemCode.LEVEL_OUT_OF_RANGE],
      ['indicators.M.metAtLeast', ProblemCode.MISSING_THRESHOLD],
    ]);
  });

  it('limits indicators to kinds of organisation only on LEARNING_UNIT, and only to known kinds', () => {
    expect(codes(checklist([indicator({ code: 'A', level: 1, appliesTo: ['CASINO'] }), indicator({ code: 'B', level: 2, appliesTo: ['SCHOOL'] })]))).toEqual([
      ['indicators.A.appliesTo', ProblemCode.INVALID_APPLIES_TO],
    ]);
    expect(codes(points([indicator({ code: 'A', maxScore: 20, appliesTo: ['SCHOOL'] })]))).toEqual([['indicators.A.appliesTo', ProblemCode.INVALID_APPLIES_TO]]);
  });
});

describe('criteria of a points definition', () => {
  const a = indicator({ code: 'A', maxScore: 10 });
  const b = indicator({ code: 'B', maxScore: 6 });
  const c = indicator({ code: 'C', maxScore: 4 });
  const group = (code: string, ...indicatorCodes: string[]) => ({ code, labelVi: code, labelEn: code, indicatorCodes });
  const withCriteria = (criteria: ReturnType<typeof group>[], overrides: Partial<DefinitionData['passRule']> = {}) => ({ ...points([a, b, c], overrides), criteria });

  it('accepts criteria with a minimum as a fraction or as points up to the smallest criterion', () => {
    expect(codes(withCriteria([group('X', 'A'), group('Y', 'B', 'C')], { criterionMinimum: 0.5, criterionMinimumKind: IndicatorMinimumKind.FRACTION_OF_MAXIMUM }))).toEqual([]);
    expect(codes(withCriteria([group('X', 'A'), group('Y', 'B', 'C')], { criterionMinimum: 10, criterionMinimumKind: IndicatorMinimumKind.ABSOLUTE }))).toEqual([]);
    // Indicators may stay outside every criterion, and both minimums may be set.
    expect(codes(withCriteria([group('X', 'A', 'B')], { criterionMinimum: 8, criterionMinimumKind: IndicatorMinimumKind.ABSOLUTE, indicatorMinimum: 1, indicatorMinimumKind: IndicatorMinimumKind.ABSOLUTE }))).toEqual([]);
  });

  it('reports duplicate and empty criteria, unknown indicators and an indicator in two criteria', () => {
    expect(codes(withCriteria([group('X', 'A', 'Z'), group('X', 'A'), group('E')]))).toEqual([
      ['criteria.X.indicatorCodes.Z', ProblemCode.UNKNOWN_CRITERION_INDICATOR],
      ['criteria.X.code', ProblemCode.DUPLICATE_CRITERION_CODE],
      ['criteria.X.indicatorCodes.A', ProblemCode.INDICATOR_IN_TWO_CRITERIA],
      ['criteria.E.indicatorCodes', ProblemCode.CRITERION_WITHOUT_INDICATORS],
    ]);
  });

  it('reports a criterion minimum out of range, half given, or without criteria', () => {
    expect(codes(withCriteria([group('X', 'A'), group('Y', 'B', 'C')], { criterionMinimum: 10.5, criterionMinimumKind: IndicatorMinimumKind.ABSOLUTE }))).toEqual([['passRule.criterionMinimum', ProblemCode.THRESHOLD_OUT_OF_RANGE]]);
    expect(codes(withCriteria([group('X', 'A')], { criterionMinimum: 0, criterionMinimumKind: IndicatorMinimumKind.FRACTION_OF_MAXIMUM }))).toEqual([['passRule.criterionMinimum', ProblemCode.THRESHOLD_OUT_OF_RANGE]]);
    expect(codes(withCriteria([group('X', 'A')], { criterionMinimum: 0.5 }))).toEqual([['passRule.criterionMinimumKind', ProblemCode.MISSING_PASS_RULE_FIELD]]);
    expect(codes(withCriteria([], { criterionMinimum: 0.5, criterionMinimumKind: IndicatorMinimumKind.FRACTION_OF_MAXIMUM }))).toEqual([['passRule.criterionMinimum', ProblemCode.CRITERION_MINIMUM_WITHOUT_CRITERIA]]);
  });

  it('allows no criteria on a checklist', () => {
    const definition = { ...checklist([indicator({ code: 'L1', level: 1 }), indicator({ code: 'L2', level: 2 })]), criteria: [group('X', 'L1')] };
    expect(codes(definition)).toEqual([['criteria', ProblemCode.FIELD_NOT_ALLOWED]]);
  });
});
