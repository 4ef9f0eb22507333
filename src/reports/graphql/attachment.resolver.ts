import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { accountById } from '../../auth/account.loaders';
import type { RequestContext } from '../../core/context';
import { idOf, toGlobalId } from '../../graphql/global-id';
import { runMutation } from '../../graphql/user-error';
import { CompleteUploadInput, CreateUploadPayload } from '../../media/media.types';
import { attachmentsOfReport } from '../attachments/attachment.loaders';
import type { ReportAttachment } from '../attachments/report-attachment.entity';
import type { Report } from '../workflow/report.entity';
import { CreateReportAttachmentUploadInput, RemoveReportAttachmentInput, ReportAttachmentPayload, ReportAttachmentType } from './attachment.types';
import { ReportPayload, ReportType } from './report.types';

/** An attachment as the API shows it, with a download URL signed now. */
async function attachmentView(ctx: RequestContext, attachment: ReportAttachment): Promise<ReportAttachmentType> {
  const uploadedBy = attachment.uploadedBy ? await accountById(ctx).load(attachment.uploadedBy.id) : null;
  return {
    id: toGlobalId('ReportAttachment', attachment.id),
    name: attachment.upload.filename,
    contentType: attachment.contentType as string,
    sizeBytes: attachment.upload.sizeBytes,
    sha256: attachment.sha256 as string,
    uploadedByName: uploadedBy?.displayName ?? null,
    uploadedAt: attachment.uploadedAt as Date,
    url: await ctx.services.media.urlOf(ctx, attachment.upload.key),
  };
}

@Resolver(() => ReportType)
export class ReportAttachmentResolver {
  @Authorized()
  @Mutation(() => CreateUploadPayload, {
    description: 'Asks to attach a file (a PDF document or an image) to a draft report: checks its type and size and returns a URL to PUT it to; then `completeReportAttachment` (officers of the body).',
  })
  async createReportAttachmentUpload(@Arg('input') input: CreateReportAttachmentUploadInput, @Ctx() ctx: RequestContext): Promise<CreateUploadPayload> {
    const { reportId, ...file } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.reports.attachments.createUpload(tx, idOf('Report', reportId), file));
    const ticket = outcome.result;
    return {
      upload: ticket ? { id: toGlobalId('Upload', ticket.upload.id), url: ticket.url, expiresAt: ticket.upload.expiresAt, kind: ticket.upload.kind } : null,
      errors: outcome.errors,
    };
  }

  @Authorized()
  @Mutation(() => ReportAttachmentPayload, {
    description: 'Checks the uploaded file (size, checksum, real type; programs are refused) and attaches it to the draft. Calling it again returns the same attachment.',
  })
  async completeReportAttachment(@Arg('input') input: CompleteUploadInput, @Ctx() ctx: RequestContext): Promise<ReportAttachmentPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.reports.attachments.complete(tx, idOf('Upload', input.uploadId)));
    return { attachment: outcome.result ? await attachmentView(ctx, outcome.result) : null, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => ReportPayload, { description: 'Removes a file from a draft report and deletes it (officers of the body).' })
  async removeReportAttachment(@Arg('input') input: RemoveReportAttachmentInput, @Ctx() ctx: RequestContext): Promise<ReportPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.reports.attachments.remove(tx, idOf('ReportAttachment', input.attachmentId)));
    return { report: outcome.result ? await ctx.services.reports.reports.get(ctx, outcome.result) : null, errors: outcome.errors };
  }

  @FieldResolver(() => [ReportAttachmentType], { description: 'The files attached, in the order they were attached.' })
  async attachments(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<ReportAttachmentType[]> {
    return Promise.all((await attachmentsOfReport(ctx).load(report.id)).map((attachment) => attachmentView(ctx, attachment)));
  }
}
