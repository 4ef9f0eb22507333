import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { idOf, toGlobalId } from '../graphql/global-id';
import { runMutation } from '../graphql/user-error';
import { EvidenceFilePayload, CreateEvidenceFileUploadInput } from './evidence-upload.types';
import { CompleteUploadInput, CreateUploadPayload } from './media.types';

@Resolver()
export class EvidenceUploadResolver {
  @Authorized()
  @Mutation(() => CreateUploadPayload, {
    description:
      'Asks to upload an evidence file (a PDF document or an image) for a record of yours: checks its type and size and returns a URL to PUT it to; then `completeEvidenceUpload`. Files never completed are deleted after MEDIA_ABANDONED_UPLOAD_HOURS.',
  })
  async createEvidenceFileUpload(@Arg('input') input: CreateEvidenceFileUploadInput, @Ctx() ctx: RequestContext): Promise<CreateUploadPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.evidenceUploads.create(tx, input));
    const ticket = outcome.result;
    return {
      upload: ticket ? { id: toGlobalId('Upload', ticket.upload.id), url: ticket.url, expiresAt: ticket.upload.expiresAt, kind: ticket.upload.kind } : null,
      errors: outcome.errors,
    };
  }

  @Authorized()
  @Mutation(() => EvidenceFilePayload, {
    description: 'Checks the uploaded evidence file (size, checksum, real type; programs are refused) of an upload you opened; its `key` may then be referenced by your records. Calling it again returns the same file.',
  })
  async completeEvidenceUpload(@Arg('input') input: CompleteUploadInput, @Ctx() ctx: RequestContext): Promise<EvidenceFilePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.evidenceUploads.complete(tx, idOf('Upload', input.uploadId)));
    const upload = outcome.result;
    return {
      evidence: upload ? { key: upload.key, filename: upload.filename, contentType: upload.contentType, sizeBytes: upload.sizeBytes, sha256: upload.sha256 as string } : null,
      errors: outcome.errors,
    };
  }
}
