import { pgArray } from '../../infra/sql';
import type { ScoringBand } from '../rulesets/ruleset.entity';
import { fill, frag, join, type Fragment } from './sql-fragment';
import { IndicatorMinimumKind, IndicatorSource, PassRuleKind } from '../titles.enums';

/**
 * The scoring half of every evaluation, shared by all subject kinds: from a `valued` relation
 * (one row per subject: id, unit_id, disadvantaged, org_kind, v{i} the metric value and a{i} the
 * assessor's entry of indicator i) to `evaluated` (id, unit_id, disadvantaged, indicators jsonb,
 * total, threshold, status, level_reached), under a points rule or a checklist with levels.
 */

/** The parts of a POINTS definition the evaluation reads. */
export interface PointsRule {
  kind: PassRuleKind.POINTS;
  threshold: number;
  disadvantagedThreshold: number | null;
  indicatorMinimum: number | null;
  indicatorMinimumKind: IndicatorMinimumKind | null;
  /** The criteria, each with the least its sum may be (null without a criterion minimum). */
  criteria: EvaluatedCriterion[];
}

/** A criterion as the evaluation reads it: the indicators whose scores it adds up, and its minimum. */
export interface EvaluatedCriterion {
  code: string;
  indicatorCodes: string[];
  maxScore: number;
  minimum: number | null;
}

/** A CHECKLIST definition: level n is reached when every indicator of levels 1..n is met. */
export interface ChecklistRule {
  kind: PassRuleKind.CHECKLIST;
  levels: number;
}

export type PassRule = PointsRule | ChecklistRule;

export interface EvaluatedIndicator {
  code: string;
  source: IndicatorSource;
  /** POINTS: the most it scores; 1 (met) for a checklist. */
  maxScore: number;
  metric: string | null;
  metricParams: Record<string, unknown> | null;
  scoring: ScoringBand[] | null;
  /** CHECKLIST: its level, and the metric value at which it is met. */
  level: number | null;
  metAtLeast: number | null;
  /** LEARNING_UNIT: the organisation kinds it applies to; every subject when null. */
  appliesTo: string[] | null;
  /** True when a metric without a value leaves the indicator to an assessor (no mandatory programme named). */
  attestedWithoutValue: boolean;
}

/**
 * SQL true when the unit aliased `alias` (with its materialized `path`) or any unit above it is
 * flagged disadvantaged, which lowers the pass threshold of titles.md's points rules.
 */
export function disadvantagedSql(alias: string): string {
  return `exists (select 1 from administrative_unit flagged where flagged.disadvantaged and ${alias}.path like flagged.path || '%')`;
}

/** The least an indicator of this maximum may score under the rule; null without a minimum (and for checklists). */
export function minimumFor(rule: PassRule, maxScore: number): number | null {
  return rule.kind === PassRuleKind.POINTS ? minimumOf(rule.indicatorMinimum, rule.indicatorMinimumKind, maxScore) : null;
}

/** The least an indicator or a criterion of this maximum may score under a minimum written as points or a fraction; null without one. */
export function minimumOf(minimum: number | null, kind: IndicatorMinimumKind | null, maxScore: number): number | null {
  if (minimum === null) return null;
  return kind === IndicatorMinimumKind.FRACTION_OF_MAXIMUM ? minimum * maxScore : minimum;
}

/** The points of the highest band a value reaches; 0 below the first band and without a value. */
function scoreOf(value: string, bands: ScoringBand[]): Fragment {
  const sorted = [...bands].sort((a, b) => b.atLeast - a.atLeast);
  if (!sorted.length) return frag('0::numeric');
  const whens = sorted.map((band) => frag(`when ${value} >= ?::numeric then ?::numeric`, band.atLeast, band.points));
  const body = join(whens, ' ');
  return { sql: `(case when ${value} is null then 0::numeric ${body.sql} else 0::numeric end)`, params: body.params };
}

/** 1 when the value reaches the checklist threshold, else 0 (also without a value). */
function metOf(value: string, atLeast: number | null): Fragment {
  return atLeast === null ? frag('0::numeric') : frag(`(case when ${value} >= ?::numeric then 1::numeric else 0::numeric end)`, atLeast);
}

/** Whether an indicator applies to the subject (organisation kinds); a constant true for the others. */
function applies(indicator: EvaluatedIndicator): Fragment {
  return indicator.appliesTo ? frag('coalesce(org_kind = any(?::text[]), false)', pgArray(indicator.appliesTo)) : frag('true');
}

export const isAttestable = (indicator: EvaluatedIndicator) => indicator.source !== IndicatorSource.AUTO;

/**
 * The `a{i}` columns of the assessors' entries of one kind of subject and title for a year: the
 * score for a points rule, 1 / 0 for met / not met.
 */
export function attestedRelation(
  subject: { subjectKind: string; titleKind: string; unitLevel: string | null },
  year: number,
  indicators: EvaluatedIndicator[],
  subjects: string,
): Fragment {
  const columns = indicators.flatMap((indicator, index) =>
    isAttestable(indicator) ? [frag(`max(coalesce(score, case when met then 1 else 0 end)) filter (where indicator_code = ?::text) as a${index}`, indicator.code)] : [],
  );
  return fill(
    `select subject_id {columns}
       from title_attestation
      where subject_kind = {subjectKind} and title_kind = {titleKind} and {unitLevel} and year = {year}
        and subject_id in (select id from ${subjects})
      group by subject_id`,
    {
      columns: columns.length ? { sql: `, ${join(columns, ', ').sql}`, params: join(columns, ', ').params } : frag(''),
      subjectKind: frag('?::text', subject.subjectKind),
      titleKind: frag('?::text', subject.titleKind),
      // `is null` rather than `is not distinct from`: the planner estimates it, and the unique index serves it.
      unitLevel: subject.unitLevel === null ? frag('unit_level is null') : frag('unit_level = ?::text', subject.unitLevel),
      year: frag('?::int', year),
    },
  );
}

/** `s{i}` (score), `src{i}` (its source) and `ok{i}` (applies) of every indicator, from v{i} and a{i}. */
function scores(indicators: EvaluatedIndicator[], rule: PassRule): Fragment {
  return join(
    indicators.map((indicator, index) => {
      const ok = applies(indicator);
      const auto = !indicator.metric
        ? frag('null::numeric')
        : rule.kind === PassRuleKind.POINTS
          ? indicator.scoring
            ? scoreOf(`v${index}`, indicator.scoring)
            : frag('0::numeric')
          : metOf(`v${index}`, indicator.metAtLeast);
      // Without a value, a metric that leaves the indicator to an assessor counts as a missing entry.
      const autoOrMissing = indicator.attestedWithoutValue ? { sql: `case when v${index} is null then null else ${auto.sql} end`, params: auto.params } : auto;
      const autoSource = indicator.attestedWithoutValue ? `case when v${index} is null then 'MISSING' else 'AUTO' end` : `'AUTO'`;
      let score: Fragment;
      let source: string;
      switch (indicator.source) {
        case IndicatorSource.AUTO:
          score = auto;
          source = `'AUTO'`;
          break;
        case IndicatorSource.AUTO_OR_ATTESTED:
          score = { sql: `coalesce(a${index}, ${autoOrMissing.sql})`, params: autoOrMissing.params };
          source = `case when a${index} is not null then 'ATTESTED' else ${autoSource} end`;
          break;
        case IndicatorSource.ATTESTED:
          score = frag(`a${index}`);
          source = `case when a${index} is null then 'MISSING' else 'ATTESTED' end`;
          break;
      }
      return {
        sql: `(${ok.sql}) as ok${index}, case when ${ok.sql} then ${score.sql} end as s${index}, case when ${ok.sql} then ${source} else 'NOT_APPLICABLE' end as src${index}`,
        params: [...ok.params, ...ok.params, ...score.params, ...ok.params],
      };
    }),
    ', ',
  );
}

/**
 * The indicators of `valued` whose metric is a share of holders of another title: for those,
 * `valued` also has h{i} (held), n{i} (counted) and r{i} (counted where the recognition is recorded).
 */
export type HolderCounted = ReadonlySet<number>;

function indicatorsJson(indicators: EvaluatedIndicator[], holderCounted: HolderCounted): Fragment {
  return join(
    indicators.map((indicator, index) => {
      const holders = holderCounted.has(index)
        ? `, 'holders', case when n${index} is null then null else jsonb_build_object('held', h${index}, 'counted', n${index}, 'countedRecognised', r${index}) end`
        : '';
      return frag(`jsonb_build_object('code', ?::text, 'source', src${index}, 'score', s${index}, 'value', round(v${index}, 4)${holders})`, indicator.code);
    }),
    ', ',
  );
}

/** The CTEs `scored`, `summed` and `evaluated` that follow `valued`. */
export function scoringTail(indicators: EvaluatedIndicator[], rule: PassRule, holderCounted: HolderCounted = new Set()): Fragment {
  return rule.kind === PassRuleKind.POINTS ? pointsTail(indicators, rule, holderCounted) : checklistTail(indicators, rule, holderCounted);
}

function pointsTail(indicators: EvaluatedIndicator[], rule: PointsRule, holderCounted: HolderCounted): Fragment {
  const total = indicators.map((_, index) => `coalesce(s${index}, 0)`).join(' + ') || '0';
  const missingMax = join(
    indicators.map((indicator, index) => frag(`case when src${index} = 'MISSING' then ?::numeric else 0 end`, indicator.maxScore)),
    ' + ',
  );
  const minimums = indicators.flatMap((indicator, index) => {
    const minimum = minimumFor(rule, indicator.maxScore);
    return minimum === null ? [] : [{ index, minimum }];
  });
  // A criterion's sum counts its applicable indicators; with its missing entries at their maximum, it could still reach its minimum.
  const criterionParts = rule.criteria.flatMap((criterion) => {
    if (criterion.minimum === null) return [];
    const members = indicators.flatMap((indicator, index) => (criterion.indicatorCodes.includes(indicator.code) ? [{ indicator, index }] : []));
    const sum = members.map(({ index }) => `coalesce(s${index}, 0)`).join(' + ') || '0';
    const missing = join(members.map(({ indicator, index }) => frag(`case when src${index} = 'MISSING' then ?::numeric else 0 end`, indicator.maxScore)), ' + ');
    return [{ reached: frag(`(${sum}) >= ?::numeric`, criterion.minimum), possible: fill(`(${sum}) + ({missing}) >= {minimum}`, { missing: missing.sql ? missing : frag('0'), minimum: frag('?::numeric', criterion.minimum) }) }];
  });
  const indicatorsReached = minimums.map(({ index, minimum }) => frag(`(not ok${index} or coalesce(s${index} >= ?::numeric, false))`, minimum));
  const allAtMinimum = join([...indicatorsReached, ...criterionParts.map((part) => part.reached)], ' and ');
  const indicatorsEntered = minimums.map(({ index, minimum }) => frag(`(s${index} is null or s${index} >= ?::numeric)`, minimum));
  const enteredAtMinimum = join([...indicatorsEntered, ...criterionParts.map((part) => part.possible)], ' and ');
  const threshold =
    rule.disadvantagedThreshold === null
      ? frag('?::numeric', rule.threshold)
      : frag('case when disadvantaged then ?::numeric else ?::numeric end', rule.disadvantagedThreshold, rule.threshold);
  return fill(
    `scored as (
       select valued.*, {scores} from valued
     ), summed as (
       select scored.*, ({total}) as total, ({missingMax}) as missing_max, {threshold} as threshold,
              ({allAtMinimum}) as all_at_minimum, ({enteredAtMinimum}) as entered_at_minimum
         from scored
     ), evaluated as (
       select id, unit_id, disadvantaged, jsonb_build_array({codes}) as indicators, total, threshold,
              case when total >= threshold and all_at_minimum then 'MEETS_CRITERIA'
                   when missing_max > 0 and total + missing_max >= threshold and entered_at_minimum then 'AWAITING_ASSESSMENT'
                   else 'NOT_YET' end as status,
              case when total >= threshold and all_at_minimum then 1 else 0 end as level_reached
         from summed
     )`,
    {
      scores: scores(indicators, rule),
      total: frag(total),
      missingMax: missingMax.sql ? missingMax : frag('0'),
      threshold,
      allAtMinimum: allAtMinimum.sql ? allAtMinimum : frag('true'),
      enteredAtMinimum: enteredAtMinimum.sql ? enteredAtMinimum : frag('true'),
      codes: indicatorsJson(indicators, holderCounted),
    },
  );
}

/**
 * Checklist: an indicator is met at 1. Level n holds when every applicable indicator of levels
 * 1..n is met; the subject meets the criteria at level 1, and awaits assessment when level 1
 * would hold with its missing entries met. The total is the number of indicators met.
 */
function checklistTail(indicators: EvaluatedIndicator[], rule: ChecklistRule, holderCounted: HolderCounted): Fragment {
  const levelHolds = (level: number, missingMet: boolean) => {
    const parts = indicators.flatMap((indicator, index) =>
      indicator.level !== null && indicator.level <= level ? [`(not ok${index} or coalesce(s${index} >= 1, ${missingMet ? 'true' : 'false'}))`] : [],
    );
    return parts.length ? parts.join(' and ') : 'true';
  };
  const levels = Array.from({ length: rule.levels }, (_, i) => rule.levels - i);
  const reached = levels.map((level) => `when ${levelHolds(level, false)} then ${level}`).join(' ');
  const total = indicators.map((_, index) => `coalesce(s${index}, 0)`).join(' + ') || '0';
  return fill(
    `scored as (
       select valued.*, {scores} from valued
     ), summed as (
       select scored.*, (${total}) as total, (case ${reached} else 0 end) as level_reached, (${levelHolds(1, true)}) as possible
         from scored
     ), evaluated as (
       select id, unit_id, disadvantaged, jsonb_build_array({codes}) as indicators, total, null::numeric as threshold,
              case when level_reached >= 1 then 'MEETS_CRITERIA' when possible then 'AWAITING_ASSESSMENT' else 'NOT_YET' end as status,
              level_reached
         from summed
     )`,
    { scores: scores(indicators, rule), codes: indicatorsJson(indicators, holderCounted) },
  );
}
