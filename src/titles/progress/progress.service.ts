import { actsForResidentsOf, governsUnit, type Actor } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { loadCitizenCriteria, loadCriteria, rulesetForYear, type LoadedCriteria } from '../engine/criteria';
import { SubjectKind } from '../engine/engine.enums';
import { TitleProgress, TitleProgressMonth } from './progress.entity';
import { evaluateCitizen, type EvaluatedRow } from './progress.repository';
import { TitleRuleset } from '../rulesets/ruleset.entity';
import { resolveSubject, type ResolvedSubject } from '../subject-units';

const FIRST_YEAR = 2000;

/** A subject's progress towards its title for a year, with what the texts need. */
export interface ProgressView {
  subject: ResolvedSubject;
  year: number;
  ruleset: TitleRuleset;
  criteria: LoadedCriteria;
  row: EvaluatedRow;
  computedAt: Date;
  /** True when computed for this request rather than read from the last run. */
  live: boolean;
}

/**
 * Who reads a subject's progress: assessors whose subtree contains the subject's unit and province
 * admins; the citizen themself, and whoever may act for them (staff of their community learning
 * centre, to explain it to them); the current members of a household, of a clan's households, of
 * an organisation; and, for units, every signed-in account (a community's progress is aggregate).
 */
export function mayReadSubject(actor: Actor | null, subject: ResolvedSubject): boolean {
  if (!actor) return false;
  if (subject.kind === SubjectKind.CITIZEN && actsForResidentsOf(actor, subject.unitPath)) return true;
  return subject.public || subject.readerAccountIds.includes(actor.accountId) || governsUnit(actor, subject.unitPath);
}

export function checkYear(ctx: RequestContext, year: number): void {
  const current = Number(todayInVietnam(ctx.now).slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > current) {
    throw new UserInputError('INVALID_YEAR', ['year'], { min: FIRST_YEAR, max: current });
  }
}

/** Reading progress: live for one citizen, stored (from the last run) for households, clans, organisations and units. */
export class TitleProgressService {
  /** A readable subject, or null when it does not exist; Forbidden when it exists but the actor may not read it. */
  async readableSubject(ctx: RequestContext, kind: SubjectKind, id: string): Promise<ResolvedSubject | null> {
    const subject = await resolveSubject(ctx.em, kind, id);
    if (!subject) return null;
    if (!mayReadSubject(ctx.actor, subject)) throw new ForbiddenError('Only the subject (or its members), assessors of its unit and province administrators see this progress');
    return subject;
  }

  /** Not transactional, writes nothing. Null when the subject has no progress for the year (a citizen under 15, no ruleset in force). */
  async progress(ctx: RequestContext, subject: ResolvedSubject, year: number): Promise<ProgressView | null> {
    if (year < FIRST_YEAR || year > Number(todayInVietnam(ctx.now).slice(0, 4))) return null;
    switch (subject.kind) {
      case SubjectKind.CITIZEN: {
        const ruleset = await rulesetForYear(ctx.em, year, ctx.now);
        const criteria = ruleset ? await loadCitizenCriteria(ctx.em, ruleset.id) : null;
        if (!ruleset || !criteria) return null;
        const row = await evaluateCitizen(ctx.em, subject.id, year, criteria);
        return row ? { subject, year, ruleset, criteria, row, computedAt: ctx.now, live: true } : null;
      }
      case SubjectKind.HOUSEHOLD:
      case SubjectKind.CLAN:
      case SubjectKind.ORGANISATION:
      case SubjectKind.UNIT:
        return this.stored(ctx, subject, year);
    }
  }

  /** The row the last run stored, with the criteria of the ruleset it was computed with. */
  private async stored(ctx: RequestContext, subject: ResolvedSubject, year: number): Promise<ProgressView | null> {
    const stored = await ctx.em.findOne(TitleProgress, { subjectKind: subject.kind, subjectId: subject.id, titleKind: subject.titleKind, unitLevel: subject.unitLevel, year });
    if (!stored) return null;
    const criteria = await loadCriteria(ctx.em, stored.ruleset.id, subject.titleKind, subject.unitLevel);
    const ruleset = await ctx.em.findOne(TitleRuleset, { id: stored.ruleset.id });
    if (!criteria || !ruleset) return null;
    const row: EvaluatedRow = {
      subjectId: subject.id,
      unitId: stored.unit.id,
      disadvantaged: stored.disadvantaged,
      indicators: stored.indicators,
      total: stored.total,
      threshold: stored.threshold,
      status: stored.status,
      levelReached: stored.levelReached ?? 0,
    };
    return { subject, year, ruleset, criteria, row, computedAt: stored.computedAt, live: false };
  }

  /** The month-by-month states of a subject's progress for a year, oldest first. */
  history(ctx: RequestContext, subject: ResolvedSubject, year: number): Promise<TitleProgressMonth[]> {
    return ctx.em.find(
      TitleProgressMonth,
      { subjectKind: subject.kind, subjectId: subject.id, titleKind: subject.titleKind, unitLevel: subject.unitLevel, year },
      { orderBy: { month: 'asc' } },
    );
  }
}
