import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { BadInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { TitleTarget } from './standings.entity';
import { TargetPopulation } from './standings.enums';
import { countByChild, type ChildCounts } from './standings.repository';
import { TitleKind } from '../titles.enums';

/** Where one unit (a child of the unit asked about, or that unit as a whole) stands. */
export interface StandingRow {
  unit: AdministrativeUnit;
  evaluated: number;
  meeting: number;
  recognised: number;
  /** Recognised where the year's recognition is recorded, meeting the criteria elsewhere (titles.md). */
  holding: number;
  /** holding ÷ evaluated; null without subjects. */
  compared: number | null;
  /** Below the target compared with; null without a target or without subjects. */
  behindTarget: boolean | null;
}

export interface Standings {
  unit: AdministrativeUnit;
  year: number;
  titleKind: TitleKind;
  unitLevel: UnitLevel | null;
  yearClosed: boolean;
  /** Every national target of the title, for every population and target year. */
  targets: TitleTarget[];
  /** The target the shares are compared with: of the title's subjects, for the first target year not before `year`. */
  target: TitleTarget | null;
  total: StandingRow;
  children: StandingRow[];
}

export interface LeaderboardEntry extends StandingRow {
  rank: number;
}

export const share = (count: number, evaluated: number): number | null => (evaluated > 0 ? count / evaluated : null);

/** Exactly `count / evaluated < target`, in integers (targets have 4 decimals). */
function isBehind(count: number, evaluated: number, target: TitleTarget | null): boolean | null {
  if (!target || evaluated === 0) return null;
  return count * 10_000 < Math.round(target.share * 10_000) * evaluated;
}

/** The target of the title's own subjects for the first target year not before `year` (else the last one). */
export function applicableTarget(targets: readonly TitleTarget[], year: number): TitleTarget | null {
  const own = targets.filter((target) => target.population === TargetPopulation.SUBJECTS).sort((a, b) => a.targetYear - b.targetYear);
  return own.find((target) => target.targetYear >= year) ?? own[own.length - 1] ?? null;
}

/**
 * Standings of titles per child unit against the national targets, and leaderboards of units
 * (never of persons). Aggregates only: any signed-in account may read them (see the resolver).
 */
export class StandingsService {
  /** Not transactional, writes nothing. Null when the unit does not exist. */
  async standings(ctx: RequestContext, unitId: string, year: number, titleKind: TitleKind, unitLevel: UnitLevel | null): Promise<Standings | null> {
    const current = Number(todayInVietnam(ctx.now).slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > current) throw new BadInputError(`year must be from 2000 to ${current}`, { argumentName: 'year' });
    if ((titleKind === TitleKind.LEARNING_COMMUNITY) !== (unitLevel !== null)) {
      throw new BadInputError('unitLevel is required for LEARNING_COMMUNITY, and only for it', { argumentName: 'unitLevel' });
    }
    const unit = await ctx.em.findOne(AdministrativeUnit, { id: unitId });
    if (!unit) return null;
    const counts = await countByChild(ctx.em, unit.path, year, titleKind, unitLevel);
    const children = await ctx.em.find(
      AdministrativeUnit,
      {
        parent: unit,
        $or: [
          { $and: [{ $or: [{ validFrom: null }, { validFrom: { $lte: `${year}-12-31` } }] }, { $or: [{ validTo: null }, { validTo: { $gte: `${year}-01-01` } }] }] },
          { id: { $in: counts.flatMap((row) => (row.childId ? [row.childId] : [])) } },
        ],
      },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
    const targets = await ctx.em.find(TitleTarget, { titleKind, unitLevel }, { orderBy: { population: 'asc', targetYear: 'asc' } });
    const target = applicableTarget(targets, year);
    const row = (of: AdministrativeUnit, rows: ChildCounts[]): StandingRow => {
      const sum = (pick: (counts: ChildCounts) => number) => rows.reduce((total, counts) => total + pick(counts), 0);
      const evaluated = sum((c) => c.evaluated);
      const holding = sum((c) => c.holding);
      return { unit: of, evaluated, meeting: sum((c) => c.meeting), recognised: sum((c) => c.recognised), holding, compared: share(holding, evaluated), behindTarget: isBehind(holding, evaluated, target) };
    };
    return {
      unit,
      year,
      titleKind,
      unitLevel,
      yearClosed: year < current,
      targets,
      target,
      total: row(unit, counts),
      children: children.map((child) => row(child, counts.filter((c) => c.childId === child.id))),
    };
  }

  /** Child units with subjects, best compared share first (ties: more subjects, then name); equal shares share a rank. */
  async leaderboard(ctx: RequestContext, unitId: string, year: number, titleKind: TitleKind, unitLevel: UnitLevel | null, first: number): Promise<LeaderboardEntry[]> {
    const standings = await this.standings(ctx, unitId, year, titleKind, unitLevel);
    if (!standings) return [];
    // Cross-multiplied so equal fractions compare equal: a/b vs c/d ⇔ a·d vs c·b.
    const byShare = (a: StandingRow, b: StandingRow) => b.holding * a.evaluated - a.holding * b.evaluated;
    const ranked = standings.children
      .filter((row) => row.evaluated > 0)
      .sort((a, b) => byShare(a, b) || b.evaluated - a.evaluated || a.unit.name.localeCompare(b.unit.name, 'vi'));
    const entries: LeaderboardEntry[] = [];
    ranked.forEach((row, index) => {
      const previous = entries[index - 1];
      const rank = previous && byShare(ranked[index - 1] as StandingRow, row) === 0 ? previous.rank : index + 1;
      entries.push({ ...row, rank });
    });
    return entries.slice(0, first);
  }
}
