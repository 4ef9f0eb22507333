import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { JobName, QueueName } from '../../infra/queue';
import type { Storage } from '../../infra/storage';
import { OutboxJob } from '../../media/outbox.entity';
import { Body } from '../../bodies/body.entity';
import { ConsolidatedReport } from '../consolidation/consolidated-report.entity';
import type { ReportPeriodService } from '../periods/report-period.service';
import { provinceOn } from '../../catalogue/units/unit.repository';
import { ReportStatus } from '../reports.enums';
import { Report } from '../workflow/report.entity';
import type { ReportService } from '../workflow/report.service';
import { renderChart } from './charts';
import { renderDocx } from './docx.renderer';
import { renderPdf } from './pdf.renderer';
import { documentOfConsolidated, documentOfReport, type ReportDocument } from './report-document';
import { ReportFile, ReportFileFormat, ReportFileStatus } from './report-file.entity';
import { renderXlsx } from './xlsx.renderer';

export interface ReportFileSource {
  reportId?: string | null;
  consolidatedReportId?: string | null;
}

const CONTENT_TYPES: Record<ReportFileFormat, string> = {
  [ReportFileFormat.DOCX]: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  [ReportFileFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ReportFileFormat.PDF]: 'application/pdf',
};

/** The channel of a report file's events: each says that its status changed (RUNNING, then READY or FAILED). */
export function reportFileChannel(fileId: string): string {
  return `report-file:${fileId}`;
}

/** The one job per file: recording it twice (a retried request) queues it once. */
export function reportFileJobId(fileId: string): string {
  return `report-file.${fileId}`;
}

/** Renders a document into one format's bytes. */
export async function renderReportDocument(doc: ReportDocument, format: ReportFileFormat): Promise<Buffer> {
  if (format === ReportFileFormat.XLSX) return renderXlsx(doc);
  const charts = doc.charts.map(renderChart);
  return format === ReportFileFormat.DOCX ? renderDocx(doc, charts) : renderPdf(doc, charts);
}

/** Files of submitted and consolidated reports: requested by whoever reads the report, rendered by the reports worker. */
export class ReportFileService {
  constructor(
    private readonly reports: ReportService,
    private readonly periods: ReportPeriodService,
    private readonly storage: () => Storage,
  ) {}

  /**
   * Transactional. The file of the source in the format: the one already queued, running or ready,
   * else a new one queued through the outbox. Same access as reading the source.
   */
  async request(ctx: RequestContext, source: ReportFileSource, format: ReportFileFormat): Promise<ReportFile> {
    if (!source.reportId === !source.consolidatedReportId) {
      throw new UserInputError('REPORT_SOURCE_REQUIRED', ['reportId']);
    }
    const where = source.reportId ? { report: await this.readableReport(ctx, source.reportId) } : { consolidatedReport: await this.readableConsolidated(ctx, source.consolidatedReportId as string) };
    const existing = await ctx.em.findOne(ReportFile, { ...where, format, status: { $ne: ReportFileStatus.FAILED } }, { orderBy: { createdAt: 'desc' } });
    if (existing) return existing;
    const file = ctx.em.create(ReportFile, { ...where, format });
    ctx.em.create(OutboxJob, { queue: QueueName.Reports, jobName: JobName.RenderReportFile, jobId: reportFileJobId(file.id), data: { fileId: file.id } });
    await ctx.em.flush();
    return file;
  }

  /** The file, when the caller reads its source; NotFound otherwise, so that a file's existence does not leak. */
  async get(ctx: RequestContext, fileId: string): Promise<ReportFile> {
    const [file] = await this.readable(ctx, [fileId]);
    if (!file) throw new NotFoundError('The report file');
    return file;
  }

  /** The files of the ids, in one statement, each null unless the caller reads its source by the rules `request` applies. */
  async readable(ctx: RequestContext, fileIds: readonly string[]): Promise<(ReportFile | null)[]> {
    const files = await ctx.em.find(ReportFile, { id: { $in: [...fileIds] } });
    const readable = await Promise.all(
      files.map(async (file) => {
        const source = file.report ? this.reports.get(ctx, file.report.id) : this.readableConsolidated(ctx, (file.consolidatedReport as ConsolidatedReport).id);
        return source.then(
          () => file,
          (error: unknown) => {
            if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
            throw error;
          },
        );
      }),
    );
    return fileIds.map((id) => readable.find((file) => file?.id === id) ?? null);
  }

  /** The files of reports or of consolidated reports the caller already reads, newest first. */
  async filesOf(ctx: RequestContext, source: { reportIds: readonly string[] } | { consolidatedReportIds: readonly string[] }): Promise<ReportFile[]> {
    const where = 'reportIds' in source ? { report: { $in: [...source.reportIds] } } : { consolidatedReport: { $in: [...source.consolidatedReportIds] } };
    return ctx.em.find(ReportFile, where, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  /** A short-lived download URL once the file is ready. */
  async downloadUrl(ctx: RequestContext, file: ReportFile): Promise<string | null> {
    return file.status === ReportFileStatus.READY && file.storageKey ? ctx.services.media.urlOf(ctx, file.storageKey) : null;
  }

  /**
   * For the worker. Renders and stores the file, READY with its size and sha256. A document that
   * cannot be rendered is FAILED at once (rendering it again gives the same error); a storage
   * outage throws so that the job is retried, and is FAILED only on the job's final attempt. A file
   * already READY (a job run twice) is left as it is. `changed` runs after each status is written
   * (RUNNING, then READY or FAILED), with `em` still current.
   */
  async render(em: EntityManager, fileId: string, options: { finalAttempt: boolean; changed: () => Promise<void> }): Promise<{ status: ReportFileStatus; sizeBytes: number | null }> {
    const { finalAttempt, changed } = options;
    const file = await em.findOne(ReportFile, fileId);
    if (!file) return { status: ReportFileStatus.FAILED, sizeBytes: null };
    if (file.status === ReportFileStatus.READY) return { status: file.status, sizeBytes: file.sizeBytes };
    file.status = ReportFileStatus.RUNNING;
    file.error = null;
    await em.flush();
    await changed();
    let bytes: Buffer;
    try {
      bytes = await renderReportDocument(await this.documentOf(em, file), file.format);
    } catch (error) {
      return this.failed(em, file, error, changed);
    }
    const key = `reports/files/${file.id}.${file.format.toLowerCase()}`;
    try {
      await this.storage().put(key, bytes, CONTENT_TYPES[file.format]);
    } catch (error) {
      if (finalAttempt) return this.failed(em, file, error, changed);
      throw error;
    }
    file.storageKey = key;
    file.sizeBytes = bytes.length;
    file.sha256 = createHash('sha256').update(bytes).digest('hex');
    file.status = ReportFileStatus.READY;
    await em.flush();
    await changed();
    return { status: file.status, sizeBytes: file.sizeBytes };
  }

  private async failed(em: EntityManager, file: ReportFile, error: unknown, changed: () => Promise<void>): Promise<{ status: ReportFileStatus; sizeBytes: null }> {
    file.status = ReportFileStatus.FAILED;
    file.error = error instanceof Error ? error.message : String(error);
    await em.flush();
    await changed();
    return { status: file.status, sizeBytes: null };
  }

  private async readableReport(ctx: RequestContext, reportId: string): Promise<Report> {
    const report = await this.reports.get(ctx, reportId);
    if (report.status === ReportStatus.DRAFT || !report.snapshot) throw new UserInputError('REPORT_IS_DRAFT', ['reportId']);
    return report;
  }

  private async readableConsolidated(ctx: RequestContext, id: string): Promise<ConsolidatedReport> {
    this.periods.assertDepartment(ctx);
    const consolidated = await ctx.em.findOne(ConsolidatedReport, id);
    if (!consolidated) throw new NotFoundError('The consolidated report');
    return consolidated;
  }

  private async documentOf(em: EntityManager, file: ReportFile): Promise<ReportDocument> {
    if (file.report) {
      const report = await em.findOneOrFail(Report, file.report.id, { populate: ['period', 'snapshot', 'body.unit', 'body.superior'] });
      const snapshot = report.snapshot;
      if (!snapshot || !report.submittedAt) throw new Error('the report has no snapshot');
      return documentOfReport({
        periodKind: report.period.kind,
        fromYear: report.period.fromYear,
        toYear: report.period.toYear,
        body: { name: report.body.name, shortName: report.body.shortName, kind: report.body.kind, unitName: report.body.unit.name, superiorName: report.body.superior?.name ?? null },
        narrative: { achievements: report.achievements, policies: report.policies, propaganda: report.propaganda, models: report.models, difficulties: report.difficulties, proposals: report.proposals },
        version: report.version,
        submittedAt: report.submittedAt,
        figures: snapshot.figures,
        basis: snapshot.basis,
        checksum: snapshot.checksum,
      });
    }
    return this.consolidatedDocument(em, file.consolidatedReport?.id as string);
  }

  /** The document of a consolidated report, as its files show it (also what bench:reports renders). */
  async consolidatedDocument(em: EntityManager, consolidatedReportId: string): Promise<ReportDocument> {
    const consolidated = await em.findOneOrFail(ConsolidatedReport, consolidatedReportId, { populate: ['period', 'snapshot'] });
    const included = await em.find(Report, { id: { $in: consolidated.reportIds } }, { populate: ['body', 'snapshot'], orderBy: { body: { name: 'asc' } } });
    const missing = await em.find(Body, { id: { $in: consolidated.missingBodyIds } }, { orderBy: { name: 'asc' } });
    const province = await provinceOn(em, consolidated.period.cutOffDate);
    return documentOfConsolidated({
      periodKind: consolidated.period.kind,
      fromYear: consolidated.period.fromYear,
      toYear: consolidated.period.toYear,
      provinceName: province?.name ?? '',
      version: consolidated.version,
      createdAt: consolidated.createdAt,
      figures: consolidated.snapshot.figures,
      basis: consolidated.snapshot.basis,
      checksum: consolidated.snapshot.checksum,
      reports: included.map((report) => ({ bodyName: report.body.name, late: report.late, figures: report.snapshot?.figures ?? [] })),
      missingBodies: missing.map((body) => body.name),
    });
  }
}
