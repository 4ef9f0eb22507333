import { pgArray } from '../../infra/sql';
import { MetricName } from './metrics';
import type { MetricParams } from '../rulesets/ruleset.entity';
import { frag, join, type Fragment } from './sql-fragment';

/**
 * The SQL of the metrics a LEARNING_CITIZEN definition may use (metrics.ts), as aggregates over the
 * `logs` relation of the citizen evaluation: one row per VERIFIED log of a subject in the window,
 * with columns citizen_id, yr, source, hours, topics, result, session_id, institution_kind.
 */

interface LogFilter {
  sources?: string[];
  topics?: string[];
  institutionKinds?: string[];
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

function logFilterSql(filter: LogFilter): Fragment {
  const parts: Fragment[] = [];
  if (filter.sources?.length) parts.push(frag('source = any(?::text[])', pgArray(filter.sources)));
  if (filter.topics?.length) parts.push(frag('topics && ?::text[]', pgArray(filter.topics)));
  if (filter.institutionKinds?.length) parts.push(frag('institution_kind = any(?::text[])', pgArray(filter.institutionKinds)));
  return parts.length ? join(parts, ' and ') : frag('true');
}

/** How many years back logs must be read: the evaluation year, and more for completions. */
export function logWindowYears(metric: string, params: MetricParams | null): number {
  return metric === MetricName.TOPIC_ACHIEVEMENT ? Math.max(1, Number(params?.completionYears ?? 1)) : 1;
}

/** True for metrics computed from the logs relation (the plan metric reads goals too). */
export function isLogMetric(metric: string): boolean {
  return metric === MetricName.VERIFIED_HOURS || metric === MetricName.ATTENDED_SESSIONS || metric === MetricName.TOPIC_ACHIEVEMENT;
}

/** The aggregate of a log metric over one subject's rows of `logs`, for `year`. */
export function logMetricAggregate(metric: string, params: MetricParams | null, year: number): Fragment {
  switch (metric) {
    case MetricName.VERIFIED_HOURS: {
      const anyOf = Array.isArray(params?.anyOf) ? (params.anyOf as Record<string, unknown>[]) : [{}];
      const filters = anyOf.map((filter) =>
        logFilterSql({ sources: stringList(filter.sources), topics: stringList(filter.topics), institutionKinds: stringList(filter.institutionKinds) }),
      );
      const any = join(
        filters.map((filter) => ({ sql: `(${filter.sql})`, params: filter.params })),
        ' or ',
      );
      return { sql: `coalesce(sum(hours) filter (where yr = ? and (${any.sql})), 0)`, params: [year, ...any.params] };
    }
    case MetricName.ATTENDED_SESSIONS: {
      const kinds = stringList(params?.institutionKinds);
      const kindFilter = kinds?.length ? frag(' and institution_kind = any(?::text[])', pgArray(kinds)) : frag('');
      return {
        sql: `count(distinct session_id) filter (where yr = ? and session_id is not null and institution_kind is not null${kindFilter.sql})`,
        params: [year, ...kindFilter.params],
      };
    }
    case MetricName.TOPIC_ACHIEVEMENT: {
      const topic = String(params?.topic ?? '');
      const years = logWindowYears(metric, params);
      return frag(
        `case when bool_or(yr > ? and result = 'COMPLETED' and topics @> array[?]::text[]) then 2 when bool_or(yr = ? and topics @> array[?]::text[]) then 1 else 0 end`,
        year - years,
        topic,
        year,
        topic,
      );
    }
    default:
      throw new Error(`metric ${metric} is not computed from learning logs`);
  }
}
