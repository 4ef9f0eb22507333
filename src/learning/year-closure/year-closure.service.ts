import { Account } from '../../auth/account.entity';
import { governsUnit } from '../../core/actor';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { LearningYearClosure } from './learning-year-closure.entity';

/** Closing a year's records for a unit and everything under it (recognition, issue 4, writes the same row). */
export class YearClosureService {
  /** Transactional, idempotent: closing a closed year returns the first closure. Only a year that has ended. */
  async close(ctx: RequestContext, unitId: string, year: number): Promise<LearningYearClosure> {
    const unit = await ctx.em.findOne(AdministrativeUnit, { id: unitId });
    if (!unit) throw new NotFoundError('The administrative unit');
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('Only assessors of the unit or above close its records');
    if (!Number.isInteger(year) || year < 2000 || year >= Number(todayInVietnam(ctx.now).slice(0, 4))) {
      throw new UserInputError('YEAR_NOT_ENDED', ['year']);
    }
    const existing = await ctx.em.findOne(LearningYearClosure, { unit, year });
    if (existing) return existing;
    const closure = ctx.em.create(LearningYearClosure, {
      unit,
      year,
      closedAt: ctx.now,
      closedBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
    await ctx.em.flush();
    return closure;
  }
}
