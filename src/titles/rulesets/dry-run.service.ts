import type { EntityManager } from '@mikro-orm/postgresql';
import { isProvinceAdmin } from '../../core/actor';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { BadInputError, ForbiddenError, NotFoundError } from '../../core/errors';
import { criterionTexts, loadCriteria, rulesetDayFor } from '../engine/criteria';
import { pgArray } from '../../infra/sql';
import type { SubjectKind } from '../engine/engine.enums';
import { evaluatePhase, PHASES } from '../engine/phases';
import { checkYear } from '../progress/progress.service';
import { TitleRuleset } from './ruleset.entity';
import { RulesetStatus, type TitleKind } from '../titles.enums';

/** How many subjects of each way a dry run names as samples. */
const SAMPLES = 5;
/** The dry run's progress rows: a temporary table of the transaction, dropped when it is rolled back. */
const DRY_TABLE = 'title_progress_dry_run';

/** What a draft would change for one title (and unit level) against the stored progress. */
export interface DryRunTitle {
  subjectKind: SubjectKind;
  titleKind: TitleKind;
  unitLevel: UnitLevel | null;
  /** Subjects the draft evaluates. */
  evaluated: number;
  /** Subjects meeting the criteria in the stored progress (the published ruleset's last run), and with the draft. */
  meetsNow: number;
  meetsWithDraft: number;
  gained: number;
  lost: number;
  /** Subjects whose checklist level (or points pass) would rise or fall, gains and losses included. */
  levelUp: number;
  levelDown: number;
  gainedSamples: string[];
  lostSamples: string[];
  /** The draft's criteria of the title, with how many subjects it leaves below each one's minimum. */
  criteria: DryRunCriterion[];
}

export interface DryRunCriterion {
  code: string;
  labelVi: string;
  labelEn: string;
  maxScore: number;
  minimum: number | null;
  /** Subjects evaluated whose sum is below the minimum; null without one. */
  belowMinimum: number | null;
}

export interface DryRunResult {
  ruleset: TitleRuleset;
  unit: AdministrativeUnit;
  year: number;
  titles: DryRunTitle[];
}

interface DiffRow {
  subject_kind: SubjectKind;
  title_kind: TitleKind;
  unit_level: UnitLevel | null;
  evaluated: number;
  meets_now: number;
  meets_with_draft: number;
  gained: number;
  lost: number;
  level_up: number;
  level_down: number;
  gained_samples: string[];
  lost_samples: string[];
}

/**
 * Evaluates a draft ruleset over a unit's subtree for a year, every level bottom-up as a run
 * does, into a temporary table inside a transaction that is rolled back: nothing is written.
 * Each level reads the titles the draft gives the level below (so households outside the
 * subtree count as not holding a title). Compared with the stored progress of the subtree.
 */
export class DryRunService {
  constructor(
    private readonly batchSize: number,
    private readonly workMem: string,
  ) {}

  async dryRun(ctx: RequestContext, rulesetId: string, unitId: string, year: number): Promise<DryRunResult> {
    if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only province administrators try out draft rulesets');
    const ruleset = await ctx.em.findOne(TitleRuleset, { id: rulesetId });
    if (!ruleset) throw new NotFoundError('The ruleset');
    if (ruleset.status !== RulesetStatus.DRAFT) throw new BadInputError('A dry run tries out a draft; this ruleset is published', { field: 'rulesetId' });
    const unit = await ctx.em.findOne(AdministrativeUnit, { id: unitId });
    if (!unit) throw new NotFoundError('The unit');
    try {
      checkYear(ctx, year);
    } catch {
      throw new BadInputError(`Titles are computed for a year from 2000 to the current one, not ${year}`, { field: 'year' });
    }
    const em = ctx.em.fork() as EntityManager;
    await em.begin();
    try {
      await em.execute(`create temp table ${DRY_TABLE} (like title_progress including defaults including indexes) on commit drop`);
      const scope = { rulesetId: ruleset.id, unitPath: unit.path, year, ref: rulesetDayFor(year, ctx.now), batchSize: this.batchSize, workMem: this.workMem, concurrency: 1 };
      const none = async () => undefined;
      for (const spec of PHASES) await evaluatePhase(em, spec, scope, { table: DRY_TABLE, run: null }, { planned: none, batchDone: none });
      const rows = await em.execute<DiffRow[]>(
        `with stored as (
           select p.* from title_progress p join administrative_unit u on u.id = p.unit_id where u.path like ? and p.year = ?::int
         ), pairs as (
           select coalesce(d.subject_kind, s.subject_kind) as subject_kind, coalesce(d.title_kind, s.title_kind) as title_kind,
                  coalesce(d.unit_level, s.unit_level) as unit_level, coalesce(d.subject_id, s.subject_id) as subject_id,
                  d.subject_id is not null as evaluated,
                  coalesce(s.status = 'MEETS_CRITERIA', false) as meets_now, coalesce(d.status = 'MEETS_CRITERIA', false) as meets_with_draft,
                  coalesce(s.level_reached, 0) as level_now, coalesce(d.level_reached, 0) as level_with_draft
             from ${DRY_TABLE} d
             full join stored s on s.subject_kind = d.subject_kind and s.subject_id = d.subject_id and s.title_kind = d.title_kind
                               and s.unit_level is not distinct from d.unit_level
         )
         select subject_kind, title_kind, unit_level,
                count(*) filter (where evaluated)::int as evaluated,
                count(*) filter (where meets_now)::int as meets_now,
                count(*) filter (where meets_with_draft)::int as meets_with_draft,
                count(*) filter (where meets_with_draft and not meets_now)::int as gained,
                count(*) filter (where meets_now and not meets_with_draft)::int as lost,
                count(*) filter (where level_with_draft > level_now)::int as level_up,
                count(*) filter (where level_with_draft < level_now)::int as level_down,
                coalesce((array_agg(subject_id::text order by subject_id) filter (where meets_with_draft and not meets_now))[1:${SAMPLES}], '{}') as gained_samples,
                coalesce((array_agg(subject_id::text order by subject_id) filter (where meets_now and not meets_with_draft))[1:${SAMPLES}], '{}') as lost_samples
           from pairs group by subject_kind, title_kind, unit_level`,
        [`${unit.path}%`, year],
      );
      const order = (row: DiffRow) =>
        PHASES.findIndex((spec) => spec.title.subjectKind === row.subject_kind && spec.title.titleKind === row.title_kind && spec.title.unitLevel === row.unit_level);
      const titles: DryRunTitle[] = [];
      for (const row of rows.sort((a, b) => order(a) - order(b))) {
        titles.push({
          subjectKind: row.subject_kind,
          titleKind: row.title_kind,
          unitLevel: row.unit_level,
          evaluated: row.evaluated,
          meetsNow: row.meets_now,
          meetsWithDraft: row.meets_with_draft,
          gained: row.gained,
          lost: row.lost,
          levelUp: row.level_up,
          levelDown: row.level_down,
          gainedSamples: row.gained_samples,
          lostSamples: row.lost_samples,
          criteria: await this.criteria(em, ruleset.id, row),
        });
      }
      return { ruleset, unit, year, titles };
    } finally {
      await em.rollback();
    }
  }

  /** The draft's criteria of one title, counting the subjects of the dry run below each minimum (sums read from the scores written). */
  private async criteria(em: EntityManager, rulesetId: string, row: DiffRow): Promise<DryRunCriterion[]> {
    const loaded = await loadCriteria(em, rulesetId, row.title_kind, row.unit_level);
    if (!loaded) return [];
    const result: DryRunCriterion[] = [];
    for (const criterion of criterionTexts(loaded)) {
      const { code, labelVi, labelEn, maxScore, minimum } = criterion;
      let belowMinimum: number | null = null;
      if (minimum !== null) {
        const [counted] = await em.execute<{ below: number }[]>(
          `select count(*)::int as below from ${DRY_TABLE} d
            where d.subject_kind = ? and d.title_kind = ? and d.unit_level is not distinct from ?::text
              and (select coalesce(sum((e->>'score')::numeric), 0) from jsonb_array_elements(d.indicators) e where e->>'code' = any(?::text[])) < ?::numeric`,
          [row.subject_kind, row.title_kind, row.unit_level, pgArray(criterion.indicatorCodes), minimum],
        );
        belowMinimum = counted?.below ?? 0;
      }
      result.push({ code, labelVi, labelEn, maxScore, minimum, belowMinimum });
    }
    return result;
  }
}
