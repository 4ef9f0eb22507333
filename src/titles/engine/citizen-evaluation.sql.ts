import { registeredBefore } from './registration.sql';
import { MetricName } from './metrics';
import { isLogMetric, logMetricAggregate, logWindowYears } from './citizen-metrics.sql';
import { attestedRelation, disadvantagedSql, isAttestable, scoringTail, type EvaluatedIndicator, type PointsRule } from './evaluation.sql';
import { fill, frag, join, type Fragment } from './sql-fragment';

/** Citizens younger than this (evaluation year − birth year) are not subjects of LEARNING_CITIZEN. */
export const CITIZEN_MIN_AGE = 15;

/** Which citizens: those living in these units (a batch of a run), or one citizen (live progress). */
export type CitizenScope = { residenceIds: string[] } | { citizenId: string };

function scopeSql(scope: CitizenScope): { units: Fragment; citizens: Fragment } {
  if ('citizenId' in scope) {
    return { units: frag('u.id = (select residence_id from citizen where id = ?)', scope.citizenId), citizens: frag('c.id = ?', scope.citizenId) };
  }
  // The join with `units` alone picks a batch's citizens: repeating `residence_id = any(…)` on
  // them made the planner count that selectivity twice (a fifth of the rows expected) and read
  // the logs of the window by the wrong plan.
  return { units: frag('u.id = any(?::uuid[])', `{${scope.residenceIds.join(',')}}`), citizens: frag('true') };
}

function valueOf(indicator: EvaluatedIndicator, index: number): string {
  if (!indicator.metric) return 'null::numeric';
  if (indicator.metric === MetricName.LEARNING_PLAN_COMPLETION) return '(p.met::numeric / nullif(p.goals, 0))';
  if (isLogMetric(indicator.metric)) return `coalesce(m.m${index}, 0)::numeric`;
  throw new Error(`metric ${indicator.metric} is not a citizen metric`);
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
  const values = indicators.map((indicator, index) => frag(`${valueOf(indicator, index)} as v${index}, ${isAttestable(indicator) ? `a.a${index}` : 'null::numeric'} as a${index}`));
  return fill(
    `with units as materialized (
       select u.id, ${disadvantagedSql('u')} as disadvantaged
         from administrative_unit u where {units}
     ), subjects as (
       select c.id, c.residence_id as unit_id, units.disadvantaged
         from citizen c join units on units.id = c.residence_id
        where {citizens} and c.birth_year <= {maxBirthYear} and {registered}
     ), logs as materialized (
       select l.citizen_id, extract(year from l.occurred_on)::int as yr, l.source, l.hours, l.topics, l.result, l.session_id, i.kind as institution_kind
         from learning_log l join subjects s on s.id = l.citizen_id left join institution i on i.id = l.institution_id
        where l.status = 'VERIFIED' and l.occurred_on >= {windowStart} and l.occurred_on < {windowEnd}
     ), log_metrics as (
       select citizen_id {logMetrics} from logs group by citizen_id
     ), plans as (
       {plans}
     ), attested as materialized (
       {attested}
     ), valued as (
       select s.id, s.unit_id, s.disadvantaged, {values}
         from subjects s left join log_metrics m on m.citizen_id = s.id left join plans p on p.citizen_id = s.id left join attested a on a.subject_id = s.id
     ), {tail}`,
    {
      units,
      citizens,
      maxBirthYear: frag('?::int', year - CITIZEN_MIN_AGE),
      registered: frag(registeredBefore('c', 'make_date(?::int, 1, 1)'), year + 1),
      windowStart: frag('make_date(?::int, 1, 1)', year - window + 1),
      windowEnd: frag('make_date(?::int, 1, 1)', year + 1),
      logMetrics: logMetrics.length ? { sql: `, ${join(logMetrics, ', ').sql}`, params: join(logMetrics, ', ').params } : frag(''),
      plans: usesPlan ? planCompletion(year) : frag('select null::uuid as citizen_id, 0::bigint as goals, 0::bigint as met where false'),
      attested: attestedRelation({ subjectKind: 'CITIZEN', titleKind: 'LEARNING_CITIZEN', unitLevel: null }, year, indicators, 'subjects'),
      values: join(values, ', '),
      tail: scoringTail(indicators, rule),
    },
  );
}

/**
 * Goals met ÷ goals of each subject's plan for the year, as LearningPlanService counts a goal met.
 * Hours and attended programmes are summed only for the citizens and topics that goals name.
 */
function planCompletion(year: number): Fragment {
  return frag(
    `with goals as materialized (
       select g.citizen_id, g.topic, g.target_hours, g.programme_id from learning_goal g join subjects s on s.id = g.citizen_id where g.year = ?::int
     ), topic_hours as (
       select t.citizen_id, t.topic, sum(l.hours) as hours
         from (select distinct citizen_id, topic from goals where topic is not null) t join logs l on l.citizen_id = t.citizen_id and t.topic = any(l.topics)
        where l.yr = ?::int
        group by t.citizen_id, t.topic
     ), attended as (
       select distinct l.citizen_id, ps.programme_id
         from logs l join programme_session ps on ps.id = l.session_id
        where l.yr = ?::int and l.citizen_id in (select citizen_id from goals where programme_id is not null)
     )
     select g.citizen_id, count(*) as goals,
            count(*) filter (where (g.programme_id is not null and pr.programme_id is not null) or (g.topic is not null and coalesce(th.hours, 0) >= g.target_hours)) as met
       from goals g
       left join topic_hours th on th.citizen_id = g.citizen_id and th.topic = g.topic
       left join attended pr on pr.citizen_id = g.citizen_id and pr.programme_id = g.programme_id
      group by g.citizen_id`,
    year,
    year,
    year,
  );
}
