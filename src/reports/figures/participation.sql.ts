import type { EntityManager } from '@mikro-orm/postgresql';
import type { FigureScope } from './figure';
import { PERSON_COLUMNS, PERSON_DIMENSION_SELECT, PERSON_GROUPING_SETS, SCOPE_CTES, scopeParams, type PersonGroupRow } from './scope.sql';

export interface ParticipationRow extends PersonGroupRow {
  residents: number;
  active: number;
  digital: number;
  language: number;
}

/**
 * Residents aged 15+ of the scope (registered by the last day counted), those with at least one
 * verified learning log in the period, and those with a verified completion in digital skills or a
 * foreign language in it: the total and one row per category of each person dimension.
 */
export function countParticipation(em: EntityManager, scope: FigureScope): Promise<ParticipationRow[]> {
  const verifiedLog = `select 1 from learning_log l where l.citizen_id = c.id and l.status = 'VERIFIED' and l.occurred_on between params.from_day and params.to_day`;
  return em.execute<ParticipationRow[]>(
    `with ${SCOPE_CTES},
     person as (
       select ${PERSON_COLUMNS},
         exists (${verifiedLog}) as active,
         exists (${verifiedLog} and l.result = 'COMPLETED' and 'DIGITAL_SKILLS' = any (l.topics)) as digital,
         exists (${verifiedLog} and l.result = 'COMPLETED' and 'FOREIGN_LANGUAGE' = any (l.topics)) as language
       from citizen c join scope_unit su on su.id = c.residence_id cross join params
       where params.title_year - c.birth_year >= 15 and c.created_at < params.to_day + 1
     )
     select ${PERSON_DIMENSION_SELECT},
       count(*)::int as residents, count(*) filter (where active)::int as active,
       count(*) filter (where digital)::int as digital, count(*) filter (where language)::int as language
     from person group by ${PERSON_GROUPING_SETS}`,
    scopeParams(scope),
  );
}

export interface TopicHoursRow {
  topic: string | null;
  hours: number;
}

/**
 * Verified hours of learning of the scope's residents in the period: the total (topic null) and
 * per topic, a log of several topics counting in each of them.
 */
export function sumHoursByTopic(em: EntityManager, scope: FigureScope): Promise<TopicHoursRow[]> {
  return em.execute<TopicHoursRow[]>(
    `with ${SCOPE_CTES},
     log as (
       select l.id, l.hours, l.topics from learning_log l join citizen c on c.id = l.citizen_id join scope_unit su on su.id = c.residence_id cross join params
       where l.status = 'VERIFIED' and l.occurred_on between params.from_day and params.to_day
     )
     select null as topic, coalesce(sum(hours), 0)::float as hours from log
     union all
     select t.topic, sum(log.hours)::float from log cross join lateral unnest(log.topics) as t(topic) group by t.topic`,
    scopeParams(scope),
  );
}
