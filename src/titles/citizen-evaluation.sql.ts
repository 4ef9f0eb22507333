import { MetricName } from './metrics';
import type { ScoringBand } from './ruleset.entity';
import { IndicatorMinimumKind, IndicatorSource } from './titles.enums';
import { isLogMetric, logMetricAggregate, logWindowYears } from './citizen-metrics.sql';
import { fill, frag, join, type Fragment } from './sql-fragment';

/** Citizens younger than this (evaluation year − birth year) are not subjects of LEARNING_CITIZEN. */
export const CITIZEN_MIN_AGE = 15;

/** The parts of a POINTS definition the evaluation reads. */
export interface PointsRule {
  threshold: number;
  disadvantagedThreshold: number | null;
  indicatorMinimum: number | null;
  indicatorMinimumKind: IndicatorMinimumKind | null;
}

export interface EvaluatedIndicator {
  code: string;
  source: IndicatorSource;
  maxScore: number;
  metric: string | null;
  metricParams: Record<string, unknown> | null;
  scoring: ScoringBand[] | null;
}

/** Which citizens: those living in these units (a batch of a run), or one citizen (live progress). */
export type CitizenScope = { residenceIds: string[] } | { citizenId: string };

function scopeSql(scope: CitizenScope): { units: Fragment; citizens: Fragment } {
  if ('citizenId' in scope) {
    return { units: frag('u.id = (select residence_id from citizen where id = ?)', scope.citizenId), citizens: frag('c.id = ?', scope.citizenId) };
  }
  const ids = `{${scope.residenceIds.join(',')}}`;
  return { units: frag('u.id = any(?::uuid[])', ids), citizens: frag('c.residence_id = any(?::uuid[])', ids) };
}

/** The points of the highest band a value reaches; 0 below the first band and without a value. */
function scoreOf(value: string, bands: ScoringBand[]): Fragment {
  const sorted = [...bands].sort((a, b) => b.atLeast - a.atLeast);
  if (!sorted.length) return frag('0::numeric');
  const whens = sorted.map((band) => frag(`when ${value} >= ?::numeric then ?::numeric`, band.atLeast, band.points));
  const body = join(whens, ' ');
  return { sql: `(case when ${value} is null then 0::numeric ${body.sql} else 0::numeric end)`, params: body.params };
}

function valueOf(indicator: EvaluatedIndicator, index: number): string {
  if (!indicator.metric) return 'null::numeric';
  if (indicator.metric === MetricName.LEARNING_PLAN_COMPLETION) return '(p.met::numeric / nullif(p.goals, 0))';
  if (isLogMetric(indicator.metric)) return `coalesce(m.m${index}, 0)::numeric`;
  throw new Error(`metric ${indicator.metric} is not a citizen metric`);
}

/** The least an indicator of this maximum may score under the rule; null without a minimum. */
export function minimumFor(rule: PointsRule, maxScore: number): number | null {
  if (rule.indicatorMinimum === null) return null;
  return rule.indicatorMinimumKind === IndicatorMinimumKind.FRACTION_OF_MAXIMUM ? rule.indicatorMinimum * maxScore : rule.indicatorMinimum;
}

/**
 * The evaluation of LEARNING_CITIZEN under a POINTS definition for citizens of a scope, as one
 * SELECT (CTEs ending in `evaluated`): id, unit_id, disadvantaged, indicators (jsonb), total,
 * threshold, status, level_reached. A run wraps it in an upsert; live progress reads it as is.
 */
export function citizenEvaluation(scope: CitizenScope, year: number, rule: PointsRule, indicators: EvaluatedIndicator[]): Fragment {
  const { units, citizens } = scopeSql(scope);
  const window = Math.max(1, ...indicators.map((i) => (i.metric ? logWindowYears(i.metric, i.metricParams) : 1)));
  const logMetrics = indicators.flatMap((indicator, index) => {
    if (!indicator.metric || !isLogMetric(indicator.metric)) return [];
    const aggregate = logMetricAggregate(indicator.metric, indicator.metricParams, year);
    return [{ sql: `${aggregate.sql} as m${index}`, params: aggregate.params }];
  });
  const usesPlan = indicators.some((i) => i.metric === MetricName.LEARNING_PLAN_COMPLETION);
  const attestable = indicators.map((i, index) => ({ i, index })).filter(({ i }) => i.source !== IndicatorSource.AUTO);

  const values = indicators.map((indicator, index) => {
    const attested = attestable.some((a) => a.index === index) ? `a.a${index}` : 'null::numeric';
    return frag(`${valueOf(indicator, index)} as v${index}, ${attested} as a${index}`);
  });
  const scores = indicators.map((indicator, index) => {
    const auto = indicator.metric && indicator.scoring ? scoreOf(`v${index}`, indicator.scoring) : frag('null::numeric');
    switch (indicator.source) {
      case IndicatorSource.AUTO:
        return { sql: `${auto.sql} as s${index}, 'AUTO' as src${index}`, params: auto.params };
      case IndicatorSource.AUTO_OR_ATTESTED:
        return { sql: `coalesce(a${index}, ${auto.sql}) as s${index}, case when a${index} is null then 'AUTO' else 'ATTESTED' end as src${index}`, params: auto.params };
      case IndicatorSource.ATTESTED:
        return frag(`a${index} as s${index}, case when a${index} is null then 'MISSING' else 'ATTESTED' end as src${index}`);
    }
  });
  const codes = indicators.map((indicator, index) =>
    frag(`jsonb_build_object('code', ?::text, 'source', src${index}, 'score', s${index}, 'value', round(v${index}, 4))`, indicator.code),
  );
  const total = indicators.map((_, index) => `coalesce(s${index}, 0)`).join(' + ') || '0';
  const missingMax = join(
    indicators.map((indicator, index) => frag(`case when s${index} is null then ?::numeric else 0 end`, indicator.maxScore)),
    ' + ',
  );
  const minimums = indicators.flatMap((indicator, index) => {
    const minimum = minimumFor(rule, indicator.maxScore);
    return minimum === null ? [] : [{ index, minimum }];
  });
  const allAtMinimum = minimums.length ? join(minimums.map(({ index, minimum }) => frag(`coalesce(s${index} >= ?::numeric, false)`, minimum)), ' and ') : frag('true');
  const enteredAtMinimum = minimums.length ? join(minimums.map(({ index, minimum }) => frag(`(s${index} is null or s${index} >= ?::numeric)`, minimum)), ' and ') : frag('true');
  const threshold =
    rule.disadvantagedThreshold === null
      ? frag('?::numeric', rule.threshold)
      : frag('case when disadvantaged then ?::numeric else ?::numeric end', rule.disadvantagedThreshold, rule.threshold);

  return fill(
    `with units as (
       select u.id, exists (select 1 from administrative_unit a where a.disadvantaged and u.path like a.path || '%') as disadvantaged
         from administrative_unit u where {units}
     ), subjects as (
       select c.id, c.residence_id as unit_id, units.disadvantaged
         from citizen c join units on units.id = c.residence_id
        where {citizens} and c.birth_year <= {maxBirthYear}
     ), logs as materialized (
       select l.citizen_id, extract(year from l.occurred_on)::int as yr, l.source, l.hours, l.topics, l.result, l.session_id, i.kind as institution_kind
         from learning_log l join subjects s on s.id = l.citizen_id left join institution i on i.id = l.institution_id
        where l.status = 'VERIFIED' and l.occurred_on >= {windowStart} and l.occurred_on < {windowEnd}
     ), log_metrics as (
       select citizen_id {logMetrics} from logs group by citizen_id
     ), plans as (
       {plans}
     ), attested as (
       select subject_id {attestedColumns}
         from title_attestation
        where subject_kind = 'CITIZEN' and title_kind = 'LEARNING_CITIZEN' and unit_level is null and year = {year}
          and subject_id in (select id from subjects)
        group by subject_id
     ), valued as (
       select s.id, s.unit_id, s.disadvantaged, {values}
         from subjects s left join log_metrics m on m.citizen_id = s.id left join plans p on p.citizen_id = s.id left join attested a on a.subject_id = s.id
     ), scored as (
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
      units,
      citizens,
      maxBirthYear: frag('?::int', year - CITIZEN_MIN_AGE),
      windowStart: frag('make_date(?::int, 1, 1)', year - window + 1),
      windowEnd: frag('make_date(?::int, 1, 1)', year + 1),
      logMetrics: logMetrics.length ? { sql: `, ${join(logMetrics, ', ').sql}`, params: join(logMetrics, ', ').params } : frag(''),
      plans: usesPlan ? planCompletion(year) : frag('select null::uuid as citizen_id, 0::bigint as goals, 0::bigint as met where false'),
      attestedColumns: attestable.length
        ? (() => {
            const columns = join(attestable.map(({ i, index }) => frag(`max(score) filter (where indicator_code = ?::text) as a${index}`, i.code)), ', ');
            return { sql: `, ${columns.sql}`, params: columns.params };
          })()
        : frag(''),
      year: frag('?::int', year),
      values: join(values, ', '),
      scores: join(scores, ', '),
      total: frag(total),
      missingMax,
      threshold,
      allAtMinimum,
      enteredAtMinimum,
      codes: join(codes, ', '),
    },
  );
}

/** Goals met ÷ goals of each subject's plan for the year, as LearningPlanService counts a goal met. */
function planCompletion(year: number): Fragment {
  return frag(
    `select g.citizen_id, count(*) as goals,
            count(*) filter (where (g.programme_id is not null and pr.programme_id is not null) or (g.topic is not null and coalesce(th.hours, 0) >= g.target_hours)) as met
       from learning_goal g
       join subjects s on s.id = g.citizen_id
       left join (select citizen_id, topic, sum(hours) as hours from logs cross join unnest(topics) as topic where yr = ?::int group by citizen_id, topic) th
              on th.citizen_id = g.citizen_id and th.topic = g.topic
       left join (select distinct l.citizen_id, ps.programme_id from logs l join programme_session ps on ps.id = l.session_id where l.yr = ?::int) pr
              on pr.citizen_id = g.citizen_id and pr.programme_id = g.programme_id
      where g.year = ?::int
      group by g.citizen_id`,
    year,
    year,
    year,
  );
}
