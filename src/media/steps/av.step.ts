import path from 'node:path';
import { audioRenditionArgs, peaksOf, posterArgs, probe, runFfmpeg, videoRenditionArgs, waveformArgs, WAVEFORM_SAMPLE_RATE, type MediaInfo } from '../../infra/ffmpeg';
import { UnusableInputError } from '../../infra/tool-process';
import { MediaKind, RenditionFormat, RenditionKind } from '../media.enums';
import { thumbnailsOf } from './image.step';
import type { StepInput, StepResult } from './step';

/** Bars of the waveform players draw. */
const WAVEFORM_PEAKS = 200;

async function probeVideo(input: StepInput): Promise<MediaInfo & { video: NonNullable<MediaInfo['video']> }> {
  const info = await probe(input.ffmpeg, input.file, input.timeoutMs);
  if (!info.video) throw new UnusableInputError('NO_VIDEO_STREAM', 'the file has no video stream');
  return { ...info, video: info.video };
}

/** Duration, dimensions, codecs and a poster frame (with its thumbnails). */
export async function videoProbeStep(input: StepInput): Promise<StepResult> {
  const info = await probeVideo(input);
  const poster = path.join(input.workDir, 'poster.jpg');
  await runFfmpeg(input.ffmpeg, posterArgs(input.file, poster, info.durationSeconds), input.timeoutMs);
  const thumbnails = await thumbnailsOf(poster, input.maxImagePixels);
  return {
    details: {
      durationSeconds: info.durationSeconds,
      width: info.video.width,
      height: info.video.height,
      videoCodec: info.video.codec,
      audioCodec: info.audio?.codec ?? null,
      placeholder: thumbnails.placeholder,
    },
    renditions: [
      { name: 'poster', kind: RenditionKind.POSTER, format: RenditionFormat.JPEG, width: thumbnails.width, height: thumbnails.height, file: poster },
      ...thumbnails.renditions,
    ],
  };
}

/** An H.264/AAC MP4 at `height`; nothing (and done) when the source is smaller, except the 360p every video gets. */
export function videoRenditionStep(height: number) {
  return async (input: StepInput): Promise<StepResult> => {
    const info = await probeVideo(input);
    const sourceHeight = info.video.height ?? 0;
    if (height > 360 && sourceHeight < height) return { details: {}, renditions: [] };
    const output = path.join(input.workDir, `video-${height}p.mp4`);
    await runFfmpeg(input.ffmpeg, videoRenditionArgs(input.file, output, height), input.timeoutMs);
    const made = await probe(input.ffmpeg, output, input.timeoutMs);
    return {
      details: {},
      renditions: [{ name: `video-${height}p`, kind: RenditionKind.VIDEO, format: RenditionFormat.MP4, width: made.video?.width ?? null, height: made.video?.height ?? null, file: output }],
    };
  };
}

/** Audio only, AAC: for video (listening on a slow connection) and for audio files. A silent video has none. */
export async function audioTrackStep(input: StepInput): Promise<StepResult> {
  const info = await probe(input.ffmpeg, input.file, input.timeoutMs);
  if (!info.audio) {
    if (input.kind === MediaKind.VIDEO) return { details: {}, renditions: [] };
    throw new UnusableInputError('NO_AUDIO_STREAM', 'the file has no audio stream');
  }
  const output = path.join(input.workDir, 'audio.m4a');
  await runFfmpeg(input.ffmpeg, audioRenditionArgs(input.file, output), input.timeoutMs);
  return { details: {}, renditions: [{ name: 'audio', kind: RenditionKind.AUDIO, format: RenditionFormat.M4A, width: null, height: null, file: output }] };
}

/** Duration, codec and waveform peaks of an audio file. */
export async function audioProbeStep(input: StepInput): Promise<StepResult> {
  const info = await probe(input.ffmpeg, input.file, input.timeoutMs);
  if (!info.audio) throw new UnusableInputError('NO_AUDIO_STREAM', 'the file has no audio stream');
  // 16-bit samples at the waveform rate, for at most ten hours.
  const pcm = await runFfmpeg(input.ffmpeg, waveformArgs(input.file), input.timeoutMs, WAVEFORM_SAMPLE_RATE * 2 * 36_000);
  return { details: { durationSeconds: info.durationSeconds, audioCodec: info.audio.codec, waveform: peaksOf(pcm, WAVEFORM_PEAKS) }, renditions: [] };
}
