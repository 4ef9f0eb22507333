import type { FigureScope } from './figure';

/**
 * The first CTEs of every figure statement: `params` (one row: the scope's path, the title year,
 * the first and last day counted, whether holders are provisional) and `scope_unit` (every unit
 * under the scope's unit, with whether it or a unit above it is flagged disadvantaged).
 */
export const SCOPE_CTES = `
  params as (select ?::text as path, ?::int as title_year, ?::date as from_day, ?::date as to_day, ?::boolean as provisional),
  scope_unit as (
    select u.id, exists (select 1 from administrative_unit a where a.disadvantaged and u.path like a.path || '%') as disadvantaged
    from administrative_unit u, params where u.path like params.path || '%'
  )`;

export function scopeParams(scope: FigureScope): unknown[] {
  return [scope.unitPath, scope.toYear, scope.fromDate, scope.toDate, scope.provisionalTitles];
}

/**
 * The properties of a citizen `c` living in scope unit `su` that figures counting people are
 * broken down by; age is counted in the title year (titles.md: age = year − birth year).
 */
export const PERSON_COLUMNS = `
  c.gender::text as gender,
  coalesce(c.occupational_group::text, 'UNKNOWN') as occupational_group,
  case when params.title_year - c.birth_year < 25 then '15-24' when params.title_year - c.birth_year < 40 then '25-39'
       when params.title_year - c.birth_year < 60 then '40-59' else '60+' end as age_band,
  c.ethnic_minority::text as ethnic_minority,
  c.disability::text as disability,
  su.disadvantaged::text as disadvantaged_area`;

/** Columns `dimension` and `category` of a row grouped by PERSON_GROUPING_SETS (null for the total). */
export const PERSON_DIMENSION_SELECT = `
  case when grouping(gender) = 0 then 'GENDER' when grouping(occupational_group) = 0 then 'OCCUPATIONAL_GROUP'
       when grouping(age_band) = 0 then 'AGE_BAND' when grouping(ethnic_minority) = 0 then 'ETHNIC_MINORITY'
       when grouping(disability) = 0 then 'DISABILITY' when grouping(disadvantaged_area) = 0 then 'DISADVANTAGED_AREA' end as dimension,
  coalesce(gender, occupational_group, age_band, ethnic_minority, disability, disadvantaged_area) as category`;

export const PERSON_GROUPING_SETS = 'grouping sets ((), (gender), (occupational_group), (age_band), (ethnic_minority), (disability), (disadvantaged_area))';

/** A row of a statement grouped by PERSON_GROUPING_SETS. */
export interface PersonGroupRow {
  dimension: string | null;
  category: string | null;
}
