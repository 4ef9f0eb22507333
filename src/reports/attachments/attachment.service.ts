import { Account } from '../../auth/account.entity';
import type { RequestContext } from '../../core/context';
import { NotFoundError } from '../../core/errors';
import { MediaKind, UploadStatus } from '../../media/media.enums';
import type { FileDeclaration, UploadTicket } from '../../media/upload.service';
import { canRead } from '../workflow/report-access';
import type { ReportService } from '../workflow/report.service';
import { ReportAttachment } from './report-attachment.entity';

/** What a report may have attached: decisions and plans as PDF documents, photos as images. */
export const ATTACHMENT_KINDS: readonly MediaKind[] = [MediaKind.DOCUMENT, MediaKind.IMAGE];

/**
 * The files a body attaches to its report, through the platform's upload flow (declared type and
 * size, a presigned PUT, then the size, checksum and first bytes checked): added and removed by
 * the body's officers while the report is a draft, read by whoever reads the report.
 */
export class ReportAttachmentService {
  constructor(private readonly reports: ReportService) {}

  /** Transactional. An upload of a file to attach to a draft, pending until completed. */
  async createUpload(ctx: RequestContext, reportId: string, file: FileDeclaration): Promise<UploadTicket> {
    const report = await this.reports.draft(ctx, reportId);
    const ticket = await ctx.services.uploads.open(ctx, file, { institution: null, keyPrefix: `reports/${report.id}`, kinds: ATTACHMENT_KINDS });
    ctx.em.create(ReportAttachment, { report, upload: ticket.upload });
    await ctx.em.flush();
    return ticket;
  }

  /** Transactional, idempotent (a second call returns the same attachment). Checks what arrived and attaches it to the draft. */
  async complete(ctx: RequestContext, uploadId: string): Promise<ReportAttachment> {
    const found = await ctx.em.findOne(ReportAttachment, { upload: uploadId }, { populate: ['upload', 'report'] });
    if (!found || !(await canRead(ctx, found.report))) throw new NotFoundError('The upload');
    if (found.uploadedAt) return found;
    // The draft's lock makes completions and the submission of one report wait for each other.
    await this.reports.draft(ctx, found.report.id, 'uploadId');
    const attachment = await ctx.em.refreshOrFail(found, { populate: ['upload'] });
    if (attachment.uploadedAt) return attachment;
    const arrived = await ctx.services.uploads.inspect(attachment.upload, true);
    attachment.contentType = arrived.contentType;
    attachment.sha256 = arrived.sha256;
    attachment.uploadedAt = ctx.now;
    attachment.uploadedBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    attachment.upload.status = UploadStatus.COMPLETED;
    await ctx.em.flush();
    return attachment;
  }

  /** Transactional. Detaches a file from a draft and deletes it; returns the report's id. */
  async remove(ctx: RequestContext, attachmentId: string): Promise<string> {
    const attachment = await ctx.em.findOne(ReportAttachment, { id: attachmentId }, { populate: ['upload', 'report'] });
    if (!attachment || !(await canRead(ctx, attachment.report))) throw new NotFoundError('The attachment');
    const report = await this.reports.draft(ctx, attachment.report.id, 'attachmentId');
    ctx.em.remove(attachment);
    await ctx.em.flush();
    await ctx.services.uploads.discard(ctx.em, [attachment.upload]);
    return report.id;
  }

  /** Read-only. The completed attachments of reports the caller has read, by report id, in the order they were attached. */
  async ofReports(ctx: RequestContext, reportIds: readonly string[]): Promise<ReportAttachment[]> {
    return ctx.em.find(
      ReportAttachment,
      { report: { $in: [...reportIds] }, uploadedAt: { $ne: null } },
      { populate: ['upload'], orderBy: { uploadedAt: 'asc', id: 'asc' } },
    );
  }
}
