import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import { isEducationDepartment, isProvinceAdmin } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { ReportPeriodKind, ReportPeriodStatus } from '../reports.enums';
import { ReportingBody, ReportPeriod } from './report-period.entity';
import { insertDefaultReportingBodies } from './reporting-bodies.sql';

export interface PeriodFields {
  kind: ReportPeriodKind;
  fromYear: number;
  toYear: number;
  /** Defaults to the due date. */
  cutOffDate: string | null;
  /** Defaults to 10 December of the last year for an annual period; required for reviews. */
  dueDate: string | null;
}

const ANNUAL_DUE = '12-10';

/** Report periods and who reports in them; kept by the province admin. */
export class ReportPeriodService {
  /** Transactional. Opens a period and chooses its reporting bodies from the bodies valid at its cut-off. */
  async open(ctx: RequestContext, fields: PeriodFields): Promise<ReportPeriod> {
    this.assertKeeper(ctx);
    if (fields.fromYear > fields.toYear || (fields.kind === ReportPeriodKind.ANNUAL && fields.fromYear !== fields.toYear)) {
      throw new UserInputError('INVALID_PERIOD', ['toYear']);
    }
    const dueDate = fields.dueDate ?? (fields.kind === ReportPeriodKind.ANNUAL ? `${fields.toYear}-${ANNUAL_DUE}` : null);
    if (!dueDate) throw new UserInputError('INVALID_PERIOD', ['dueDate']);
    const existing = await ctx.em.findOne(ReportPeriod, { kind: fields.kind, fromYear: fields.fromYear, toYear: fields.toYear });
    if (existing) throw new UserInputError('PERIOD_EXISTS', ['fromYear']);
    const period = ctx.em.create(ReportPeriod, {
      kind: fields.kind,
      fromYear: fields.fromYear,
      toYear: fields.toYear,
      cutOffDate: fields.cutOffDate ?? dueDate,
      dueDate,
      openedBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
    await ctx.em.flush();
    await insertDefaultReportingBodies(ctx.em, period.id, period.cutOffDate);
    return period;
  }

  /** Transactional. Opens the annual period of the year after the latest annual one (this year's when none), with the defaults. */
  async openNextAnnual(ctx: RequestContext): Promise<ReportPeriod> {
    this.assertKeeper(ctx);
    const latest = await ctx.em.findOne(ReportPeriod, { kind: ReportPeriodKind.ANNUAL }, { orderBy: { toYear: 'desc' } });
    const year = latest ? latest.toYear + 1 : Number(ctx.now.toISOString().slice(0, 4));
    return this.open(ctx, { kind: ReportPeriodKind.ANNUAL, fromYear: year, toYear: year, cutOffDate: null, dueDate: null });
  }

  /** Transactional, idempotent. Stops receiving reports in a period. */
  async close(ctx: RequestContext, periodId: string): Promise<ReportPeriod> {
    this.assertKeeper(ctx);
    const period = await this.get(ctx, periodId);
    period.status = ReportPeriodStatus.CLOSED;
    await ctx.em.flush();
    return period;
  }

  /** Transactional, idempotent. Adds and removes reporting bodies of a period. */
  async adjustBodies(ctx: RequestContext, periodId: string, addIds: string[], removeIds: string[]): Promise<ReportPeriod> {
    this.assertKeeper(ctx);
    const period = await this.get(ctx, periodId);
    const bodies = await ctx.em.find(Body, { id: { $in: addIds } });
    if (bodies.length !== new Set(addIds).size) throw new UserInputError('UNKNOWN_BODY_IDS', ['addBodyIds']);
    if (removeIds.length) await ctx.em.nativeDelete(ReportingBody, { period, body: { $in: removeIds } });
    for (const body of bodies) {
      if (!(await ctx.em.findOne(ReportingBody, { period, body }))) ctx.em.create(ReportingBody, { period, body });
    }
    await ctx.em.flush();
    return period;
  }

  async get(ctx: RequestContext, periodId: string): Promise<ReportPeriod> {
    const period = await ctx.em.findOne(ReportPeriod, { id: periodId });
    if (!period) throw new NotFoundError('The report period');
    return period;
  }

  /** Newest first. */
  list(ctx: RequestContext): Promise<ReportPeriod[]> {
    return ctx.em.find(ReportPeriod, {}, { orderBy: { toYear: 'desc', fromYear: 'desc', kind: 'asc' } });
  }

  /** The ids of the reporting bodies of a period, by body name. */
  async bodyIds(ctx: RequestContext, periodId: string): Promise<string[]> {
    const rows = await ctx.em.execute<{ body_id: string }[]>(
      'select rb.body_id from reporting_body rb join body b on b.id = rb.body_id where rb.period_id = ? order by b.name, b.id',
      [periodId],
    );
    return rows.map((row) => row.body_id);
  }

  async isReportingBody(ctx: RequestContext, periodId: string, bodyId: string): Promise<boolean> {
    return (await ctx.em.count(ReportingBody, { period: periodId, body: bodyId })) > 0;
  }

  /** The Department (and province admins) follow every period. */
  assertDepartment(ctx: RequestContext): void {
    if (!isEducationDepartment(ctx.actor)) throw new ForbiddenError('Only the Department of Education receives and reviews reports');
  }

  private assertKeeper(ctx: RequestContext): void {
    if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only a province administrator opens and keeps report periods');
  }
}
