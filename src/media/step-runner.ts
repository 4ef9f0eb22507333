import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaConfig } from '../core/config';
import { ffmpegBinaries } from '../infra/ffmpeg';
import type { Logger } from '../infra/logger';
import type { Storage } from '../infra/storage';
import { ToolError, UnusableInputError } from '../infra/tool-process';
import { MediaAsset } from './media-asset.entity';
import { MediaFailureReason, MediaKind, MediaStepName } from './media.enums';
import { queueOfStep, timeoutOfQueue } from './media-kinds';
import type { StepJobData } from './outbox';
import type { ProcessingService } from './processing.service';
import { audioProbeStep, audioTrackStep, videoProbeStep, videoRenditionStep } from './steps/av.step';
import { documentPreviewStep, documentTextStep } from './steps/document.step';
import { imageStep } from './steps/image.step';
import { CONTENT_TYPE_OF_FORMAT, EXTENSION_OF_FORMAT, type StepInput, type StepResult } from './steps/step';

const STEPS: Record<MediaStepName, (input: StepInput) => Promise<StepResult>> = {
  [MediaStepName.IMAGE_RENDITIONS]: imageStep,
  [MediaStepName.DOCUMENT_PREVIEW]: documentPreviewStep,
  [MediaStepName.DOCUMENT_TEXT]: documentTextStep,
  [MediaStepName.VIDEO_PROBE]: videoProbeStep,
  [MediaStepName.VIDEO_360P]: videoRenditionStep(360),
  [MediaStepName.VIDEO_720P]: videoRenditionStep(720),
  [MediaStepName.AUDIO_TRACK]: audioTrackStep,
  [MediaStepName.AUDIO_PROBE]: audioProbeStep,
};

export type StepOutcome = { status: 'done'; detail?: Record<string, unknown> } | { status: 'skipped'; reason: string };

/** A failure that running again will not fix: the file is unusable, or a tool refused it (not a timeout). */
function isFinalFailure(error: unknown): boolean {
  return error instanceof UnusableInputError || (error instanceof ToolError && !error.timedOut);
}

/** Where a run was when it failed: storage failures are told apart from the tools'. */
type Phase = 'download' | 'process' | 'store';

/** The code people are shown for a failure; the error's own text goes to the log and province administrators. */
function reasonOf(error: unknown, phase: Phase, kind: MediaKind): MediaFailureReason {
  if (phase !== 'process') return MediaFailureReason.STORAGE_FAILED;
  if (error instanceof UnusableInputError) return MediaFailureReason[error.reason];
  if (!(error instanceof ToolError)) return MediaFailureReason.UNKNOWN;
  if (error.timedOut) return MediaFailureReason.TIMED_OUT;
  if (error.tool === 'pdf') return MediaFailureReason.DOCUMENT_UNREADABLE;
  return kind === MediaKind.AUDIO ? MediaFailureReason.AUDIO_UNREADABLE : kind === MediaKind.VIDEO ? MediaFailureReason.VIDEO_UNREADABLE : MediaFailureReason.UNKNOWN;
}

/**
 * Runs one step of one asset, as a job: claims it in PostgreSQL, works on a local copy of the
 * original, stores the renditions, then records them and the step's state in one transaction.
 * Idempotent: renditions are upserted by name, and a stale or finished (READY) step is skipped.
 */
export class StepRunner {
  constructor(
    private readonly config: MediaConfig,
    private readonly storage: () => Storage,
    private readonly processing: ProcessingService,
  ) {}

  async run(em: EntityManager, log: Logger, data: StepJobData): Promise<StepOutcome> {
    const claimed = await this.processing.claim(em, data.assetId, data.step, data.dispatch);
    if (!claimed) return { status: 'skipped', reason: 'the step is done or was queued again' };
    const asset = await em.findOneOrFail(MediaAsset, { id: data.assetId });
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'media-'));
    let phase: Phase = 'download';
    try {
      const file = path.join(workDir, 'original');
      await this.storage().download(asset.originalKey, file);
      const input: StepInput = {
        file,
        workDir,
        kind: asset.kind,
        timeoutMs: timeoutOfQueue(this.config, queueOfStep(data.step)),
        maxImagePixels: this.config.maxImagePixels,
        maxDocumentPages: this.config.maxDocumentPages,
        ffmpeg: ffmpegBinaries(this.config),
      };
      let result: StepResult;
      phase = 'process';
      try {
        result = await STEPS[data.step](input);
      } catch (error) {
        if (!isFinalFailure(error)) throw error;
        const failure = { error: `The file cannot be processed: ${(error as Error).message}`, reason: reasonOf(error, phase, asset.kind) };
        log.info({ assetId: asset.id, step: data.step, reason: failure.reason, error: failure.error }, 'media step failed for good: the file cannot be processed');
        await em.transactional((tx) => this.processing.fail(tx, asset.id, data.step, data.dispatch, failure, true));
        return { status: 'done', detail: { failed: failure.error, reason: failure.reason } };
      }
      phase = 'store';
      await this.store(em, asset, data, result);
      return { status: 'done', detail: { renditions: result.renditions.map((r) => r.name) } };
    } catch (error) {
      const final = this.processing.isFinalAttempt(claimed);
      const reason = reasonOf(error, phase, asset.kind);
      log.warn({ err: error, assetId: asset.id, step: data.step, attempt: claimed.attempts, final, reason }, 'media step failed');
      const failure = { error: `Attempt ${claimed.attempts} failed: ${(error as Error).message}`, reason };
      await em.fork().transactional((tx) => this.processing.fail(tx, asset.id, data.step, data.dispatch, failure, final));
      throw error;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async store(em: EntityManager, asset: MediaAsset, data: StepJobData, result: StepResult): Promise<void> {
    const storage = this.storage();
    const stored = await Promise.all(
      result.renditions.map(async (rendition) => {
        const key = `media/${asset.id}/${rendition.name}.${EXTENSION_OF_FORMAT[rendition.format]}`;
        const contentType = CONTENT_TYPE_OF_FORMAT[rendition.format];
        if (rendition.data) await storage.put(key, rendition.data, contentType);
        else await storage.upload(key, rendition.file as string, contentType);
        const size = rendition.data ? rendition.data.length : ((await storage.sizeOf(key)) ?? 0);
        return { ...rendition, key, size };
      }),
    );
    await em.transactional(async (tx) => {
      for (const r of stored) {
        await tx.execute(
          `insert into media_rendition (id, created_at, updated_at, asset_id, name, kind, format, width, height, key, size_bytes)
           values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (asset_id, name) do update set kind = excluded.kind, format = excluded.format, width = excluded.width,
             height = excluded.height, key = excluded.key, size_bytes = excluded.size_bytes, updated_at = now()`,
          [asset.id, r.name, r.kind, r.format, r.width, r.height, r.key, r.size],
        );
      }
      const details = Object.entries(result.details).filter(([, value]) => value !== undefined);
      if (details.length) {
        const columns = details.map(([name]) => `${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = ?`).join(', ');
        await tx.execute(`update media_asset set ${columns}, updated_at = now() where id = ?`, [
          ...details.map(([name, value]) => (name === 'waveform' ? JSON.stringify(value) : value)),
          asset.id,
        ]);
      }
      if (result.text !== undefined) {
        await tx.execute('insert into media_text (asset_id, text) values (?, ?) on conflict (asset_id) do update set text = excluded.text', [asset.id, result.text]);
      }
      await this.processing.finish(tx, asset.id, data.step, data.dispatch);
    });
  }
}
