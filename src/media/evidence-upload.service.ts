import { LockMode } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { NotFoundError, UnauthenticatedError, UserInputError } from '../core/errors';
import { MediaKind, UploadStatus } from './media.enums';
import type { FileDeclaration, UploadService, UploadTicket } from './upload.service';
import { Upload } from './upload.entity';

/** What evidence may be: scans and photos of certificates, receipts, minutes. */
export const EVIDENCE_KINDS: readonly MediaKind[] = [MediaKind.DOCUMENT, MediaKind.IMAGE];

/** Keys of evidence uploads start so; keys of the deprecated `createEvidenceUpload` start `evidence/<citizen id>/`. */
const EVIDENCE_PREFIX = 'evidence/files';

/**
 * Evidence files (of learning logs, contributions, initiatives, nominations) through the one upload
 * flow of the platform: declared type and size, a presigned PUT, then the size, checksum and first
 * bytes checked by `UploadService`. An evidence upload belongs to the account that opened it: only
 * it completes it and only it references it from a record; a record may reference only completed
 * ones. Uploads never completed go with the media uploads' cleanup.
 */
export class EvidenceUploadService {
  constructor(private readonly uploads: UploadService) {}

  /** Transactional. Checks type and size and signs a PUT URL for an evidence file of the signed-in account. */
  async create(ctx: RequestContext, file: FileDeclaration): Promise<UploadTicket> {
    const accountId = accountOf(ctx);
    return this.uploads.open(ctx, file, { institution: null, keyPrefix: `${EVIDENCE_PREFIX}/${accountId}`, kinds: EVIDENCE_KINDS });
  }

  /**
   * Transactional, idempotent (a second call returns the same upload). Checks what arrived: the size
   * declared, the SHA-256 (kept), a real type of the kind declared, never a program.
   */
  async complete(ctx: RequestContext, uploadId: string): Promise<Upload> {
    const accountId = accountOf(ctx);
    const upload = await ctx.em.findOne(Upload, { id: uploadId, accountId, key: { $like: `${EVIDENCE_PREFIX}/%` } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!upload) throw new NotFoundError('The upload');
    if (upload.status === UploadStatus.COMPLETED) return upload;
    const arrived = await this.uploads.inspect(upload, true);
    upload.contentType = arrived.contentType;
    upload.sha256 = arrived.sha256;
    upload.status = UploadStatus.COMPLETED;
    await ctx.em.flush();
    return upload;
  }

  /**
   * Read-only. Refuses, on `field`, a key that is not of an evidence upload the actor opened and
   * completed; keys in `kept` (already on the record being changed) are not checked again.
   */
  async requireCompleted(ctx: RequestContext, keys: readonly string[], field: string, kept: readonly string[] = []): Promise<void> {
    const fresh = keys.filter((key) => !kept.includes(key));
    if (!fresh.length) return;
    const accountId = accountOf(ctx);
    const foreign = fresh.find((key) => !this.isUploadKey(key));
    if (foreign) throw new UserInputError('EVIDENCE_NOT_FOUND', [field], { key: foreign });
    const found = new Map((await ctx.em.find(Upload, { key: { $in: fresh } })).map((upload) => [upload.key, upload]));
    for (const key of fresh) {
      const upload = found.get(key);
      if (!upload) throw new UserInputError('EVIDENCE_NOT_FOUND', [field], { key });
      if (upload.accountId !== accountId) throw new UserInputError('EVIDENCE_NOT_YOURS', [field]);
      if (upload.status !== UploadStatus.COMPLETED) {
        throw new UserInputError('EVIDENCE_NOT_COMPLETED', [field], { filename: upload.filename });
      }
    }
  }

  /** Whether a key is of this flow (not of the deprecated `createEvidenceUpload`). */
  isUploadKey(key: string): boolean {
    return key.startsWith(`${EVIDENCE_PREFIX}/`);
  }
}

function accountOf(ctx: RequestContext): string {
  if (!ctx.actor) throw new UnauthenticatedError();
  return ctx.actor.accountId;
}
