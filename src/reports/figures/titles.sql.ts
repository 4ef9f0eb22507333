import type { EntityManager } from '@mikro-orm/postgresql';
import type { FigureScope } from './figure';
import { PERSON_COLUMNS, PERSON_DIMENSION_SELECT, PERSON_GROUPING_SETS, SCOPE_CTES, scopeParams, type PersonGroupRow } from './scope.sql';

/**
 * A subject of the scope holds a title of the year when an award recognises it, or, when the year
 * is not closed at the cut-off (`provisional`), when its progress meets the criteria so far.
 */
const EVALUATED = `
  evaluated as (
    select p.subject_kind, p.subject_id, p.title_kind::text as title_kind, p.unit_level::text as unit_level,
      exists (
        select 1 from title_award a
        where a.subject_id = p.subject_id and a.title_kind = p.title_kind and a.unit_level is not distinct from p.unit_level
          and a.year = p.year and a.status = 'AWARDED'
      ) as recognised,
      p.status = 'MEETS_CRITERIA' as meets
    from title_progress p join scope_unit su on su.id = p.unit_id cross join params where p.year = params.title_year
  )`;

export interface TitleCountRow {
  title_kind: string;
  unit_level: string | null;
  evaluated: number;
  holders: number;
}

/** Subjects evaluated for each title (and unit level) in the year, and those holding it. */
export function countTitleHolders(em: EntityManager, scope: FigureScope): Promise<TitleCountRow[]> {
  return em.execute<TitleCountRow[]>(
    `with ${SCOPE_CTES}, ${EVALUATED}
     select title_kind, unit_level, count(*)::int as evaluated, count(*) filter (where recognised or (params.provisional and meets))::int as holders
     from evaluated cross join params group by title_kind, unit_level, params.provisional`,
    scopeParams(scope),
  );
}

export interface CitizenTitleRow extends PersonGroupRow {
  evaluated: number;
  holders: number;
}

/** Learning Citizens of the year, in total and per category of each person dimension. */
export function countLearningCitizensByGroup(em: EntityManager, scope: FigureScope): Promise<CitizenTitleRow[]> {
  return em.execute<CitizenTitleRow[]>(
    `with ${SCOPE_CTES}, ${EVALUATED},
     person as (
       select ${PERSON_COLUMNS}, e.recognised or (params.provisional and e.meets) as holder
       from evaluated e join citizen c on c.id = e.subject_id join scope_unit su on su.id = c.residence_id cross join params
       where e.title_kind = 'LEARNING_CITIZEN'
     )
     select ${PERSON_DIMENSION_SELECT}, count(*)::int as evaluated, count(*) filter (where holder)::int as holders
     from person group by ${PERSON_GROUPING_SETS}`,
    scopeParams(scope),
  );
}

export interface TitleBasisRow {
  rulesets: { code: string; version: number }[];
  run_ids: string[];
}

/** The ruleset versions and title runs the scope's progress of the year was computed with. */
export async function titleBasis(em: EntityManager, scope: FigureScope): Promise<TitleBasisRow> {
  const [row] = await em.execute<TitleBasisRow[]>(
    `with ${SCOPE_CTES},
     used as (select distinct p.ruleset_id, p.run_id from title_progress p join scope_unit su on su.id = p.unit_id cross join params where p.year = params.title_year)
     select
       coalesce((select json_agg(json_build_object('code', r.code, 'version', r.version) order by r.code, r.version)
                 from title_ruleset r where r.id in (select ruleset_id from used)), '[]') as rulesets,
       coalesce((select array_agg(distinct run_id::text order by run_id::text) from used where run_id is not null), '{}') as run_ids`,
    scopeParams(scope),
  );
  return row ?? { rulesets: [], run_ids: [] };
}
