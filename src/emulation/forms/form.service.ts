import { isEducationDepartment } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, UserInputError } from '../../core/errors';
import { NomineeClass, RoundKind } from '../emulation.enums';
import { CommendationForm, CommendationQuota, CommendationRound } from './form.entity';

/** A quota with the places a round's decisions have taken. */
export interface QuotaUsage {
  quota: CommendationQuota;
  taken: number;
}

/** Forms of commendation, rounds and their quotas: data kept by migrations and the Department of Education. */
export class CommendationFormService {
  forms(ctx: RequestContext): Promise<CommendationForm[]> {
    return ctx.em.find(CommendationForm, {}, { orderBy: { code: 'asc' } });
  }

  rounds(ctx: RequestContext): Promise<CommendationRound[]> {
    return ctx.em.find(CommendationRound, {}, { orderBy: { toYear: 'desc', kind: 'asc' } });
  }

  async form(ctx: RequestContext, id: string, field: string[]): Promise<CommendationForm> {
    const form = await ctx.em.findOne(CommendationForm, { id });
    if (!form) throw new UserInputError('FORM_NOT_FOUND', field);
    return form;
  }

  async round(ctx: RequestContext, id: string, field: string[]): Promise<CommendationRound> {
    const round = await ctx.em.findOne(CommendationRound, { id });
    if (!round) throw new UserInputError('ROUND_NOT_FOUND', field);
    return round;
  }

  /** Transactional, idempotent. The annual round of a year, opened by the Department of Education. */
  async openAnnualRound(ctx: RequestContext, year: number): Promise<CommendationRound> {
    if (!isEducationDepartment(ctx.actor)) throw new ForbiddenError('The Department of Education opens commendation rounds');
    if (year < 2023 || year > 2030) throw new UserInputError('INVALID_YEAR', ['year'], { min: 2023, max: 2030 });
    await ctx.em.execute(
      `insert into commendation_round (id, created_at, updated_at, kind, from_year, to_year) values (gen_random_uuid(), now(), now(), ?, ?, ?)
       on conflict (kind, from_year, to_year) do nothing`,
      [RoundKind.ANNUAL, year, year],
    );
    return ctx.em.findOneOrFail(CommendationRound, { kind: RoundKind.ANNUAL, fromYear: year, toYear: year });
  }

  /** The quotas of a round with the places taken by decisions (revoked ones give their place back). */
  async quotas(ctx: RequestContext, roundId: string): Promise<QuotaUsage[]> {
    const quotas = await ctx.em.find(CommendationQuota, { round: roundId }, { populate: ['form'], orderBy: { form: { code: 'asc' }, nomineeClass: 'asc' } });
    const rows = await ctx.em.execute<{ form_id: string; nominee_class: NomineeClass; taken: string }[]>(
      `select form_id, nominee_class, count(*) as taken from nomination where round_id = ? and status = 'DECIDED' group by form_id, nominee_class`,
      [roundId],
    );
    return quotas.map((quota) => ({
      quota,
      taken: Number(rows.find((row) => row.form_id === quota.form.id && row.nominee_class === quota.nomineeClass)?.taken ?? 0),
    }));
  }
}
