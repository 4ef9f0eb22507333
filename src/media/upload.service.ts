import { createHash } from 'node:crypto';
import path from 'node:path';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { MediaConfig } from '../core/config';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { Institution } from '../catalogue/institutions/institution.entity';
import type { Storage } from '../infra/storage';
import { MediaAsset, MediaStep } from './media-asset.entity';
import { MediaKind, UploadStatus } from './media.enums';
import { contentTypesOf, kindOfContentType, maxBytesOf, MEDIA_KINDS, STEPS_OF_KIND } from './media-kinds';
import { managesMediaOf } from './media-read.service';
import { enqueueSteps, QueuePurpose } from './outbox';
import { sniff, SNIFF_BYTES } from './sniff';
import { Upload } from './upload.entity';

/** A file a client is about to PUT, as it declares it. */
export interface FileDeclaration {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256?: string | null;
}

export interface UploadRequest extends FileDeclaration {
  institutionId: string;
}

/** Whose upload it is and what it may be. */
export interface UploadScope {
  /** The institution whose media it becomes; null for an upload another domain completes (a report's attachment). */
  institution: Institution | null;
  /** The object's key is `<keyPrefix>/<upload id>`. */
  keyPrefix: string;
  kinds: readonly MediaKind[];
}

/** What `inspect` found in object storage. */
export interface ArrivedFile {
  /** The real type, from the file's first bytes. */
  contentType: string;
  /** SHA-256 (hex) of the bytes, when computed. */
  sha256: string | null;
}

export interface UploadTicket {
  upload: Upload;
  /** Where the client PUTs the file, with the header `Content-Type: <contentType>`. */
  url: string;
}


function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/** Uploads straight to object storage: a presigned PUT, then a check of what arrived. The API never carries the bytes. */
export class UploadService {
  constructor(
    private readonly config: MediaConfig,
    private readonly storage: () => Storage,
  ) {}

  /** Transactional. Checks kind and size, records the upload and signs a PUT URL valid for the configured minutes. */
  async create(ctx: RequestContext, request: UploadRequest): Promise<UploadTicket> {
    const institution = await ctx.em.findOne(Institution, { id: request.institutionId });
    if (!institution) throw new NotFoundError('The institution');
    if (!managesMediaOf(ctx, institution.id)) throw new ForbiddenError('Only staff of the institution may upload its media');
    return this.open(ctx, request, { institution, keyPrefix: `uploads/${institution.id}`, kinds: MEDIA_KINDS });
  }

  /**
   * Transactional. The part of every upload flow after its own access rule: checks the declared
   * type against the kinds accepted and the size against their limits, records the upload under
   * `scope.keyPrefix` and signs a PUT URL valid for the configured minutes. Uploads never
   * completed are deleted by `cleanupAbandoned`, whoever opened them.
   */
  async open(ctx: RequestContext, request: FileDeclaration, scope: UploadScope): Promise<UploadTicket> {
    const kind = kindOfContentType(request.contentType);
    if (!kind || !scope.kinds.includes(kind)) {
      throw new UserInputError('UNSUPPORTED_TYPE', ['contentType'], { type: request.contentType, accepted: contentTypesOf(scope.kinds).join(', ') });
    }
    if (request.sizeBytes <= 0) throw new UserInputError('EMPTY_FILE', ['sizeBytes']);
    const max = maxBytesOf(this.config, kind);
    if (request.sizeBytes > max) throw new UserInputError('FILE_TOO_LARGE', ['sizeBytes'], { max: mib(max), size: mib(request.sizeBytes) });
    const filename = path.basename(request.filename.replace(/\\/g, '/')).trim().slice(0, 255) || 'file';
    const upload = ctx.em.create(Upload, {
      institution: scope.institution,
      accountId: ctx.actor?.accountId as string,
      filename,
      contentType: request.contentType.toLowerCase(),
      kind,
      sizeBytes: request.sizeBytes,
      sha256: request.sha256?.toLowerCase() ?? null,
      key: '',
      expiresAt: new Date(ctx.now.getTime() + this.config.uploadUrlSeconds * 1000),
    });
    upload.key = `${scope.keyPrefix}/${upload.id}`;
    await ctx.em.flush();
    return { upload, url: await this.storage().presignPut(upload.key, this.config.uploadUrlSeconds) };
  }

  /**
   * Transactional, idempotent (a second call returns the same asset). Checks that the file
   * arrived whole and is what it claims, then creates the asset, its steps and their jobs (an
   * outbox row each) in the same transaction. A refusal changes nothing: fix and upload again.
   */
  async complete(ctx: RequestContext, uploadId: string): Promise<MediaAsset> {
    const upload = await ctx.em.findOne(Upload, { id: uploadId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const institution = upload?.institution;
    if (!upload || !institution || !managesMediaOf(ctx, institution.id)) throw new NotFoundError('The upload');
    if (upload.status === UploadStatus.COMPLETED && upload.asset) return ctx.em.findOneOrFail(MediaAsset, { id: upload.asset.id });
    const { contentType } = await this.inspect(upload, false);
    const asset = ctx.em.create(MediaAsset, {
      institution,
      uploadedBy: upload.accountId,
      kind: upload.kind,
      originalKey: upload.key,
      contentType,
      filename: upload.filename,
      sizeBytes: upload.sizeBytes,
      sha256: upload.sha256,
    });
    const steps = STEPS_OF_KIND[upload.kind].map((name) => ctx.em.create(MediaStep, { asset, name }));
    upload.status = UploadStatus.COMPLETED;
    upload.asset = asset;
    await ctx.em.flush();
    await enqueueSteps(ctx.em, institution.id, steps.map((step) => ({ assetId: asset.id, step: step.name, dispatch: step.dispatch })), QueuePurpose.UPLOAD);
    return asset;
  }

  /**
   * What arrived at an upload's URL, or a UserInputError saying what is wrong with it: the size
   * declared, the SHA-256 declared (computed too when `hash` is set, for callers that keep it),
   * and a real type, from the first bytes, of the kind declared (an executable never is).
   */
  async inspect(upload: Upload, hash: boolean): Promise<ArrivedFile> {
    const storage = this.storage();
    const size = await storage.sizeOf(upload.key);
    if (size === null) throw new UserInputError('UPLOAD_MISSING', ['uploadId']);
    if (size === 0) throw new UserInputError('EMPTY_FILE', ['uploadId']);
    if (size !== upload.sizeBytes) {
      throw new UserInputError('SIZE_MISMATCH', ['uploadId'], { size, declared: upload.sizeBytes });
    }
    let sha256: string | null = null;
    if (upload.sha256 || hash) {
      const digest = createHash('sha256');
      for await (const chunk of await storage.read(upload.key)) digest.update(chunk as Buffer);
      sha256 = digest.digest('hex');
      if (upload.sha256 && sha256 !== upload.sha256) throw new UserInputError('CHECKSUM_MISMATCH', ['uploadId']);
    }
    const sniffed = sniff(await storage.head(upload.key, SNIFF_BYTES));
    if (!sniffed) throw new UserInputError('UNRECOGNISED_FILE', ['uploadId']);
    if (!sniffed.kinds.includes(upload.kind)) {
      throw new UserInputError('FILE_TYPE_MISMATCH', ['uploadId'], { filename: upload.filename, actual: sniffed.contentType });
    }
    const contentType = upload.kind === MediaKind.AUDIO && sniffed.contentType.startsWith('video/') ? sniffed.contentType.replace('video/', 'audio/') : sniffed.contentType;
    return { contentType, sha256 };
  }

  /** Deletes uploads never completed (and their objects) older than the configured hours. Returns how many. */
  async cleanupAbandoned(em: EntityManager, now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.abandonedUploadHours * 3_600_000);
    const uploads = await em.find(Upload, { status: UploadStatus.PENDING, createdAt: { $lt: cutoff } }, { limit: 1000 });
    await this.discard(em, uploads);
    return uploads.length;
  }

  /** Deletes uploads and their objects (rows that hold an upload go with it: a report's pending attachment). */
  async discard(em: EntityManager, uploads: Upload[]): Promise<void> {
    if (!uploads.length) return;
    await this.storage().remove(uploads.map((upload) => upload.key));
    await em.nativeDelete(Upload, { id: { $in: uploads.map((upload) => upload.id) } });
  }
}
