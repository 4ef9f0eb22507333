import { LockMode } from '@mikro-orm/postgresql';
import { Account } from '../../auth/account.entity';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { snapshotAttachmentsOf } from '../attachments/snapshot-attachments';
import type { ComputedFigures } from '../figures/figures.service';
import type { ReportPeriodService } from '../periods/report-period.service';
import type { ReportPeriod } from '../periods/report-period.entity';
import { ReportPeriodStatus, ReportStatus } from '../reports.enums';
import type { SnapshotService } from '../snapshots/snapshot.service';
import { canRead } from './report-access';
import { NARRATIVE_SECTIONS, Report, type Narrative } from './report.entity';

/** A body's reports: prepared and submitted by its officers only. */
export class ReportService {
  constructor(
    private readonly periods: ReportPeriodService,
    private readonly snapshots: SnapshotService,
  ) {}

  /**
   * Transactional, idempotent. The body's draft for the period: the current draft, or a new
   * version (the narrative of the last one copied) when there is none or the last was returned or accepted.
   */
  async prepare(ctx: RequestContext, periodId: string, bodyId: string): Promise<Report> {
    const body = await ctx.services.bodies.assertActsFor(ctx, bodyId);
    const period = await this.openPeriod(ctx, periodId);
    if (!(await this.periods.isReportingBody(ctx, period.id, body.id))) {
      throw new UserInputError('NOT_A_REPORTING_BODY', ['bodyId']);
    }
    const latest = await ctx.em.findOne(Report, { period, body }, { orderBy: { version: 'desc' } });
    if (latest?.status === ReportStatus.DRAFT) return latest;
    if (latest?.status === ReportStatus.SUBMITTED) throw new UserInputError('REPORT_UNDER_REVIEW', ['bodyId']);
    const narrative = Object.fromEntries(NARRATIVE_SECTIONS.map((section) => [section, latest?.[section] ?? null])) as Narrative;
    const report = ctx.em.create(Report, { period, body, version: (latest?.version ?? 0) + 1, ...narrative, preparedBy: this.account(ctx) });
    await ctx.em.flush();
    return report;
  }

  /** Transactional. Writes the narrative sections given (null clears one) of a draft. */
  async updateDraft(ctx: RequestContext, reportId: string, narrative: Partial<Narrative>): Promise<Report> {
    const report = await this.draft(ctx, reportId);
    for (const section of NARRATIVE_SECTIONS) {
      const text = narrative[section];
      if (text !== undefined) report[section] = text?.trim() || null;
    }
    await ctx.em.flush();
    return report;
  }

  /** Transactional. Freezes the figures and the list of attachments into a snapshot and sends the draft to the Department; late after the due date. */
  async submit(ctx: RequestContext, reportId: string): Promise<Report> {
    const report = await this.draft(ctx, reportId);
    const period = await this.openPeriod(ctx, report.period.id);
    const attachments = await snapshotAttachmentsOf(ctx.em, report.id);
    report.snapshot = await this.snapshots.freeze(ctx.em, period, report.body.unit.path, { bodyId: report.body.id }, ctx.now, attachments);
    report.status = ReportStatus.SUBMITTED;
    report.submittedAt = ctx.now;
    report.submittedBy = this.account(ctx);
    report.late = todayInVietnam(ctx.now) > period.dueDate;
    await ctx.em.flush();
    return report;
  }

  /** A version the viewer may read; NotFound otherwise (a draft of another body stays unseen). */
  async get(ctx: RequestContext, reportId: string): Promise<Report> {
    const report = await ctx.em.findOne(Report, { id: reportId }, { populate: ['body.unit', 'period'] });
    if (!report || !(await canRead(ctx, report))) throw new NotFoundError('The report');
    return report;
  }

  /** The versions of a body's report in a period the viewer may read, newest first. */
  async versions(ctx: RequestContext, periodId: string, bodyId: string): Promise<Report[]> {
    const reports = await ctx.em.find(Report, { period: periodId, body: bodyId }, { orderBy: { version: 'desc' }, populate: ['body.unit', 'period'] });
    const visible: Report[] = [];
    for (const report of reports) if (await canRead(ctx, report)) visible.push(report);
    return visible;
  }

  /** Read-only. The figures of a version: its snapshot once submitted, computed now for a draft. */
  async figuresOf(ctx: RequestContext, report: Report): Promise<ComputedFigures> {
    await ctx.em.populate(report, ['snapshot', 'body.unit', 'period']);
    if (report.snapshot) return { figures: report.snapshot.figures, basis: report.snapshot.basis };
    return this.snapshots.compute(ctx.em, report.period, report.body.unit.path, { bodyId: report.body.id });
  }

  /**
   * Transactional. A draft the actor prepares, locked until the transaction ends so that what is
   * attached to it and its submission happen one after the other. NotFound for a draft of another
   * body; REPORT_NOT_DRAFT (on `field` of the input) once submitted.
   */
  async draft(ctx: RequestContext, reportId: string, field = 'reportId'): Promise<Report> {
    // refresh: a version loaded earlier in the transaction may have been submitted by the time the lock is granted.
    const report = await ctx.em.findOne(Report, { id: reportId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!report) throw new NotFoundError('The report');
    await ctx.em.populate(report, ['body.unit']);
    if (!(await ctx.services.bodies.actsFor(ctx, report.body.id))) {
      if (report.status === ReportStatus.DRAFT) throw new NotFoundError('The report');
      throw new ForbiddenError('Only officers of the body prepare and submit its report');
    }
    if (report.status !== ReportStatus.DRAFT) throw new UserInputError('REPORT_NOT_DRAFT', [field]);
    return report;
  }

  private async openPeriod(ctx: RequestContext, periodId: string): Promise<ReportPeriod> {
    const period = await this.periods.get(ctx, periodId);
    if (period.status !== ReportPeriodStatus.OPEN) throw new UserInputError('PERIOD_CLOSED', ['periodId']);
    return period;
  }

  private account(ctx: RequestContext): Account | null {
    return ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
  }
}
