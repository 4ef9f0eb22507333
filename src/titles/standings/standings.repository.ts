import type { EntityManager } from '@mikro-orm/postgresql';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { likeEscape } from '../../infra/sql';
import { recognisedUnitsSql } from '../engine/group-evaluation.sql';
import type { TitleKind } from '../titles.enums';

/** Counts of one child unit's subtree (or, with `childId` null, of subjects attached to the unit itself). */
export interface ChildCounts {
  childId: string | null;
  evaluated: number;
  meeting: number;
  recognised: number;
  /** Holding the title as titles.md counts them: recognised where the year's recognition is recorded, meeting the criteria elsewhere. */
  holding: number;
}

/**
 * Subjects evaluated, meeting the criteria and recognised (awards standing) for a title and year,
 * per child of a unit: one pass over the progress rows and awards of the unit's subtree, grouped
 * by unit first and then by the child each unit's path goes through. `holding` follows the
 * engine's rule for titles counting other titles (holdersSql), so standings and shares agree.
 */
export async function countByChild(em: EntityManager, unitPath: string, year: number, titleKind: TitleKind, unitLevel: UnitLevel | null): Promise<ChildCounts[]> {
  const recorded = recognisedUnitsSql(titleKind, unitLevel, year);
  const rows = await em.execute<{ child_id: string | null; evaluated: number; meeting: number; recognised: number; holding: number }[]>(
    `with scope as (
       select id from administrative_unit where path like ? escape '\\'
     ), progress as (
       select p.unit_id, count(*) as evaluated, count(*) filter (where p.status = 'MEETS_CRITERIA') as meeting
         from title_progress p join scope s on s.id = p.unit_id
        where p.year = ? and p.title_kind = ? and p.unit_level is not distinct from ?::text
        group by p.unit_id
     ), awards as (
       select a.unit_id, count(*) as recognised
         from title_award a join scope s on s.id = a.unit_id
        where a.year = ? and a.title_kind = ? and a.unit_level is not distinct from ?::text and a.status = 'AWARDED'
        group by a.unit_id
     )
     select nullif(split_part(substr(u.path, ?), '/', 1), '') as child_id,
            sum(coalesce(p.evaluated, 0))::int as evaluated, sum(coalesce(p.meeting, 0))::int as meeting, sum(coalesce(a.recognised, 0))::int as recognised,
            sum(case when u.id in (${recorded.sql}) then coalesce(a.recognised, 0) else coalesce(p.meeting, 0) end)::int as holding
       from progress p full join awards a on a.unit_id = p.unit_id
       join administrative_unit u on u.id = coalesce(p.unit_id, a.unit_id)
      group by 1`,
    [`${likeEscape(unitPath)}%`, year, titleKind, unitLevel, year, titleKind, unitLevel, unitPath.length + 1, ...recorded.params],
  );
  return rows.map((row) => ({ childId: row.child_id, evaluated: row.evaluated, meeting: row.meeting, recognised: row.recognised, holding: row.holding }));
}
