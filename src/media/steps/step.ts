import type { FfmpegBinaries } from '../../infra/ffmpeg';
import type { MediaKind, RenditionFormat, RenditionKind } from '../media.enums';

export interface StepInput {
  /**
   * The original, downloaded to a local file, images too: held in memory, a photo's bytes lived
   * through the whole sharp run, were promoted to V8's old generation and set off a mark-compact of
   * the worker's heap every few jobs; a file is what the external tools and libvips read anyway.
   */
  file: string;
  /** A private folder for the step's outputs, removed afterwards. */
  workDir: string;
  kind: MediaKind;
  timeoutMs: number;
  maxImagePixels: number;
  maxDocumentPages: number;
  ffmpeg: FfmpegBinaries;
}

export interface RenditionOutput {
  name: string;
  kind: RenditionKind;
  format: RenditionFormat;
  width: number | null;
  height: number | null;
  /** Either bytes in memory or a file in the work folder. */
  data?: Buffer;
  file?: string;
}

export interface AssetDetails {
  width?: number | null;
  height?: number | null;
  durationSeconds?: number | null;
  pages?: number | null;
  videoCodec?: string | null;
  audioCodec?: string | null;
  placeholder?: string | null;
  waveform?: number[] | null;
}

export interface StepResult {
  details: AssetDetails;
  renditions: RenditionOutput[];
  /** Text for search (documents). */
  text?: string;
}

export const CONTENT_TYPE_OF_FORMAT = {
  WEBP: 'image/webp',
  JPEG: 'image/jpeg',
  MP4: 'video/mp4',
  M4A: 'audio/mp4',
} as const;

export const EXTENSION_OF_FORMAT = { WEBP: 'webp', JPEG: 'jpg', MP4: 'mp4', M4A: 'm4a' } as const;
