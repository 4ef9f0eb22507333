import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import type { RequestContext } from '../../core/context';
import { NotFoundError, UserInputError } from '../../core/errors';
import { snapshotAttachmentsOf } from '../attachments/snapshot-attachments';
import type { ReportPeriodService } from '../periods/report-period.service';
import { ReportStatus } from '../reports.enums';
import { snapshotChecksum, type SnapshotService } from '../snapshots/snapshot.service';
import { Report, ReportReminder } from './report.entity';

/** One reporting body on a period's submission board. */
export interface BoardLine {
  bodyId: string;
  /** The latest version past the draft (submitted, returned or accepted); null when none. */
  report: Report | null;
  /** The body's latest version is a draft it is writing (its content stays the body's). */
  drafting: boolean;
  /** No version submitted or accepted yet (a returned one awaiting its correction counts as missing). */
  missing: boolean;
  late: boolean;
  remindedAt: Date | null;
}

export interface SnapshotCheck {
  checksum: string;
  recomputedChecksum: string;
  matches: boolean;
}

/** The Department of Education's side: accept or return, follow the period, remind. */
export class ReportReviewService {
  constructor(
    private readonly periods: ReportPeriodService,
    private readonly snapshots: SnapshotService,
  ) {}

  /** Transactional. Accepts a submitted report. */
  async accept(ctx: RequestContext, reportId: string): Promise<Report> {
    const report = await this.submitted(ctx, reportId);
    report.status = ReportStatus.ACCEPTED;
    this.reviewed(ctx, report);
    await ctx.em.flush();
    return report;
  }

  /** Transactional. Returns a submitted report with the reason; the body corrects it in a new version. */
  async return(ctx: RequestContext, reportId: string, reason: string): Promise<Report> {
    const text = reason.trim();
    if (!text || text.length > 2000) throw new UserInputError('RETURN_REASON_REQUIRED', ['reason']);
    const report = await this.submitted(ctx, reportId);
    report.status = ReportStatus.RETURNED;
    report.returnReason = text;
    this.reviewed(ctx, report);
    await ctx.em.flush();
    return report;
  }

  /** Read-only. Each reporting body's latest version, with late and missing ones marked. */
  async board(ctx: RequestContext, periodId: string): Promise<BoardLine[]> {
    this.periods.assertDepartment(ctx);
    const period = await this.periods.get(ctx, periodId);
    const bodyIds = await this.periods.bodyIds(ctx, period.id);
    const reports = await ctx.em.find(Report, { period, body: { $in: bodyIds } }, { orderBy: { version: 'desc' } });
    const reminders = await ctx.em.execute<{ body_id: string; sent_at: string }[]>(
      'select body_id, max(created_at) as sent_at from report_reminder where period_id = ? group by body_id',
      [period.id],
    );
    return bodyIds.map((bodyId) => {
      const versions = reports.filter((report) => report.body.id === bodyId);
      const reminder = reminders.find((row) => row.body_id === bodyId);
      const reported = versions.find((report) => report.status === ReportStatus.SUBMITTED || report.status === ReportStatus.ACCEPTED);
      return {
        bodyId,
        report: versions.find((report) => report.status !== ReportStatus.DRAFT) ?? null,
        drafting: versions[0]?.status === ReportStatus.DRAFT,
        missing: !reported,
        late: reported?.late ?? false,
        remindedAt: reminder ? new Date(reminder.sent_at) : null,
      };
    });
  }

  /** Transactional. Records a reminder for every reporting body still missing; returns their ids. */
  async remind(ctx: RequestContext, periodId: string): Promise<string[]> {
    const missing = (await this.board(ctx, periodId)).filter((line) => line.missing).map((line) => line.bodyId);
    const period = await this.periods.get(ctx, periodId);
    const sentBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    for (const bodyId of missing) ctx.em.create(ReportReminder, { period, body: ctx.em.getReference(Body, bodyId), sentBy });
    await ctx.em.flush();
    return missing;
  }

  /** Read-only. Recomputes a submitted version's figures on today's data, lists its attachments again and compares the checksums. */
  async verify(ctx: RequestContext, reportId: string): Promise<SnapshotCheck> {
    const report = await ctx.services.reports.reports.get(ctx, reportId);
    await ctx.em.populate(report, ['snapshot', 'body.unit', 'period']);
    if (!report.snapshot) throw new UserInputError('REPORT_NOT_SUBMITTED', ['reportId']);
    const computed = await this.snapshots.compute(ctx.em, report.period, report.body.unit.path, { bodyId: report.body.id });
    const recomputed = snapshotChecksum(computed, await snapshotAttachmentsOf(ctx.em, report.id));
    return { checksum: report.snapshot.checksum, recomputedChecksum: recomputed, matches: recomputed === report.snapshot.checksum };
  }

  private async submitted(ctx: RequestContext, reportId: string): Promise<Report> {
    this.periods.assertDepartment(ctx);
    const report = await ctx.em.findOne(Report, { id: reportId });
    if (!report || report.status === ReportStatus.DRAFT) throw new NotFoundError('The report');
    if (report.status !== ReportStatus.SUBMITTED) throw new UserInputError('REPORT_NOT_SUBMITTED', ['reportId']);
    return report;
  }

  private reviewed(ctx: RequestContext, report: Report): void {
    report.reviewedAt = ctx.now;
    report.reviewedBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
  }
}
