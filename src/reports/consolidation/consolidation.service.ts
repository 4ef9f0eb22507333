import { Account } from '../../auth/account.entity';
import type { RequestContext } from '../../core/context';
import { UserInputError } from '../../core/errors';
import type { ReportPeriodService } from '../periods/report-period.service';
import { provinceOn } from '../../catalogue/units/unit.repository';
import { ReportStatus } from '../reports.enums';
import type { SnapshotService } from '../snapshots/snapshot.service';
import { Report } from '../workflow/report.entity';
import { ConsolidatedReport } from './consolidated-report.entity';

/** The province's report for a period, consolidated by the Department of Education. */
export class ConsolidationService {
  constructor(
    private readonly periods: ReportPeriodService,
    private readonly snapshots: SnapshotService,
  ) {}

  /**
   * Transactional. Freezes the province-wide figures (the province unit valid at the cut-off)
   * with the accepted reports and the bodies that did not report; a new version each time.
   */
  async consolidate(ctx: RequestContext, periodId: string): Promise<ConsolidatedReport> {
    this.periods.assertDepartment(ctx);
    const period = await this.periods.get(ctx, periodId);
    const province = await provinceOn(ctx.em, period.cutOffDate);
    if (!province) throw new UserInputError('UNKNOWN_UNIT', ['periodId']);
    const bodyIds = await this.periods.bodyIds(ctx, period.id);
    const accepted = await ctx.em.find(Report, { period, body: { $in: bodyIds }, status: ReportStatus.ACCEPTED }, { orderBy: { body: { name: 'asc' }, version: 'desc' } });
    const latestAccepted = accepted.filter((report, index) => accepted.findIndex((other) => other.body.id === report.body.id) === index);
    const reported = new Set(latestAccepted.map((report) => report.body.id));
    const snapshot = await this.snapshots.freeze(ctx.em, period, province.path, { consolidated: true }, ctx.now);
    const latest = await ctx.em.findOne(ConsolidatedReport, { period }, { orderBy: { version: 'desc' } });
    const consolidated = ctx.em.create(ConsolidatedReport, {
      period,
      version: (latest?.version ?? 0) + 1,
      snapshot,
      reportIds: latestAccepted.map((report) => report.id),
      missingBodyIds: bodyIds.filter((bodyId) => !reported.has(bodyId)),
      createdBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
    await ctx.em.flush();
    return consolidated;
  }

  /** The consolidated reports of a period, newest first (the Department and province admins). */
  async list(ctx: RequestContext, periodId: string): Promise<ConsolidatedReport[]> {
    this.periods.assertDepartment(ctx);
    return ctx.em.find(ConsolidatedReport, { period: periodId }, { orderBy: { version: 'desc' }, populate: ['snapshot'] });
  }
}
