import type { MediaConfig } from '../core/config';
import { JobName, QueueName } from '../infra/queue';
import { MediaKind, MediaStepName } from './media.enums';

/** Declared content types accepted at upload, and the kind of media each is. */
const DECLARED: Record<string, MediaKind> = {
  'image/jpeg': MediaKind.IMAGE,
  'image/png': MediaKind.IMAGE,
  'image/webp': MediaKind.IMAGE,
  'image/gif': MediaKind.IMAGE,
  'application/pdf': MediaKind.DOCUMENT,
  'video/mp4': MediaKind.VIDEO,
  'video/webm': MediaKind.VIDEO,
  'video/quicktime': MediaKind.VIDEO,
  'video/x-matroska': MediaKind.VIDEO,
  'video/x-msvideo': MediaKind.VIDEO,
  'audio/mpeg': MediaKind.AUDIO,
  'audio/mp4': MediaKind.AUDIO,
  'audio/x-m4a': MediaKind.AUDIO,
  'audio/aac': MediaKind.AUDIO,
  'audio/wav': MediaKind.AUDIO,
  'audio/x-wav': MediaKind.AUDIO,
  'audio/ogg': MediaKind.AUDIO,
  'audio/flac': MediaKind.AUDIO,
  'audio/webm': MediaKind.AUDIO,
};

/** Every kind an institution's media may be. */
export const MEDIA_KINDS: readonly MediaKind[] = Object.values(MediaKind);

/** The declared content types accepted for files of these kinds. */
export function contentTypesOf(kinds: readonly MediaKind[]): string[] {
  return Object.keys(DECLARED).filter((type) => kinds.includes(DECLARED[type] as MediaKind));
}

export function kindOfContentType(contentType: string): MediaKind | null {
  return DECLARED[contentType.toLowerCase().split(';')[0]?.trim() ?? ''] ?? null;
}

export function maxBytesOf(config: MediaConfig, kind: MediaKind): number {
  switch (kind) {
    case MediaKind.IMAGE:
      return config.maxBytes.image;
    case MediaKind.DOCUMENT:
      return config.maxBytes.document;
    case MediaKind.AUDIO:
      return config.maxBytes.audio;
    case MediaKind.VIDEO:
      return config.maxBytes.video;
  }
}

/** The steps that make an asset of each kind usable; all of them are required. */
export const STEPS_OF_KIND: Record<MediaKind, MediaStepName[]> = {
  [MediaKind.IMAGE]: [MediaStepName.IMAGE_RENDITIONS],
  [MediaKind.DOCUMENT]: [MediaStepName.DOCUMENT_PREVIEW, MediaStepName.DOCUMENT_TEXT],
  [MediaKind.VIDEO]: [MediaStepName.VIDEO_PROBE, MediaStepName.VIDEO_360P, MediaStepName.VIDEO_720P, MediaStepName.AUDIO_TRACK],
  [MediaKind.AUDIO]: [MediaStepName.AUDIO_PROBE, MediaStepName.AUDIO_TRACK],
};

export type MediaQueue = QueueName.MediaImage | QueueName.MediaVideo | QueueName.MediaDocument;

/** The queue of each step: heavy video work apart, so images and documents never wait behind a transcode. */
export function queueOfStep(step: MediaStepName): MediaQueue {
  switch (step) {
    case MediaStepName.IMAGE_RENDITIONS:
      return QueueName.MediaImage;
    case MediaStepName.DOCUMENT_PREVIEW:
    case MediaStepName.DOCUMENT_TEXT:
      return QueueName.MediaDocument;
    case MediaStepName.VIDEO_PROBE:
    case MediaStepName.VIDEO_360P:
    case MediaStepName.VIDEO_720P:
    case MediaStepName.AUDIO_TRACK:
    case MediaStepName.AUDIO_PROBE:
      return QueueName.MediaVideo;
  }
}

/** The job name of each media queue (one handler per job name). */
export const MEDIA_JOB_OF_QUEUE: Record<MediaQueue, JobName> = {
  [QueueName.MediaImage]: JobName.MediaImageStep,
  [QueueName.MediaVideo]: JobName.MediaVideoStep,
  [QueueName.MediaDocument]: JobName.MediaDocumentStep,
};

export function timeoutOfQueue(config: MediaConfig, queue: MediaQueue): number {
  switch (queue) {
    case QueueName.MediaImage:
      return config.timeoutSeconds.image * 1000;
    case QueueName.MediaVideo:
      return config.timeoutSeconds.video * 1000;
    case QueueName.MediaDocument:
      return config.timeoutSeconds.document * 1000;
  }
}

/** A job id from asset, step and dispatch: one job per queuing of a step, never two at once. */
export function stepJobId(assetId: string, step: MediaStepName, dispatch: number): string {
  return `${assetId}.${step}.${dispatch}`;
}
