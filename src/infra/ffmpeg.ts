import { runTool } from './tool-process';

/** The ffmpeg and ffprobe programs the media steps run, by path. */
export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
}

/**
 * The binaries chosen by FFMPEG_PATH / FFPROBE_PATH, else the static builds that npm installs for
 * this platform (@ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe). Those packages are loaded
 * only when needed: they throw on a platform they have no build for, where the settings must say.
 */
export function ffmpegBinaries(paths: { ffmpegPath: string | undefined; ffprobePath: string | undefined }): FfmpegBinaries {
  return {
    ffmpeg: paths.ffmpegPath ?? bundledBinary('@ffmpeg-installer/ffmpeg', 'FFMPEG_PATH'),
    ffprobe: paths.ffprobePath ?? bundledBinary('@ffprobe-installer/ffprobe', 'FFPROBE_PATH'),
  };
}

function bundledBinary(packageName: string, setting: string): string {
  try {
    // Required here, not imported at the top: the package throws at load on a platform it does not cover.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(packageName) as { path: string }).path;
  } catch (error) {
    throw new Error(`${packageName} has no binary for ${process.platform}-${process.arch} (${String(error)}); install one and set ${setting} to it`);
  }
}

/** Encoders the renditions need (see videoRenditionArgs, audioRenditionArgs). */
export const REQUIRED_ENCODERS = ['libx264', 'aac'];

export interface FfmpegCheck {
  ffmpeg: string;
  ffmpegVersion: string;
  ffprobe: string;
  ffprobeVersion: string;
}

/** The names in `ffmpeg -encoders`' table, whose lines read ` V..... libx264   description`. */
export function encodersOf(listing: string): Set<string> {
  const names = listing.split('\n').map((line) => /^\s*[VAS][A-Z.]{5}\s+(\S+)/.exec(line)?.[1]);
  return new Set(names.filter((name): name is string => !!name && name !== '='));
}

/** The version in `ffmpeg -version`'s first line, `ffmpeg version 5.1.6-0+deb12u1 Copyright …`. */
export function versionOf(output: string): string {
  return /version (\S+)/.exec(output)?.[1] ?? 'unknown';
}

/**
 * Runs both binaries and lists ffmpeg's encoders; throws, saying which binary and what to do, when
 * one cannot run or an encoder the renditions need is missing.
 */
export async function checkFfmpeg(binaries: FfmpegBinaries, timeoutMs: number): Promise<FfmpegCheck> {
  const output = async (command: string, setting: string, args: string[]) => {
    try {
      return (await runTool(command, args, { timeoutMs })).stdout.toString('utf8');
    } catch (error) {
      throw new Error(`${command} cannot run (${(error as Error).message}); set ${setting} to a working binary`);
    }
  };
  const [ffmpegVersion, encoders, ffprobeVersion] = await Promise.all([
    output(binaries.ffmpeg, 'FFMPEG_PATH', ['-hide_banner', '-version']),
    output(binaries.ffmpeg, 'FFMPEG_PATH', ['-hide_banner', '-encoders']),
    output(binaries.ffprobe, 'FFPROBE_PATH', ['-hide_banner', '-version']),
  ]);
  const available = encodersOf(encoders);
  const missing = REQUIRED_ENCODERS.filter((name) => !available.has(name));
  if (missing.length) {
    throw new Error(`${binaries.ffmpeg} (ffmpeg ${versionOf(ffmpegVersion)}) lacks the encoder(s) ${missing.join(', ')}; set FFMPEG_PATH to an ffmpeg built with ${REQUIRED_ENCODERS.join(' and ')}`);
  }
  return { ffmpeg: binaries.ffmpeg, ffmpegVersion: versionOf(ffmpegVersion), ffprobe: binaries.ffprobe, ffprobeVersion: versionOf(ffprobeVersion) };
}

export interface StreamInfo {
  codec: string;
  width: number | null;
  height: number | null;
}

/** What ffprobe says about a file, in our own terms. */
export interface MediaInfo {
  durationSeconds: number | null;
  video: StreamInfo | null;
  audio: StreamInfo | null;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  disposition?: { attached_pic?: number };
}

/** Reads ffprobe's JSON; an attached cover picture (in audio files) is not a video stream. */
export function parseProbe(json: string): MediaInfo {
  const parsed = JSON.parse(json) as { format?: { duration?: string }; streams?: ProbeStream[] };
  const streams = parsed.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const duration = Number(parsed.format?.duration);
  const info = (s: ProbeStream | undefined): StreamInfo | null => (s ? { codec: s.codec_name ?? 'unknown', width: s.width ?? null, height: s.height ?? null } : null);
  return { durationSeconds: Number.isFinite(duration) && duration > 0 ? duration : null, video: info(video), audio: info(audio) };
}

export async function probe(binaries: FfmpegBinaries, file: string, timeoutMs: number): Promise<MediaInfo> {
  const result = await runTool(binaries.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { timeoutMs });
  return parseProbe(result.stdout.toString('utf8'));
}

/** One frame as JPEG, a second in (or halfway through a shorter video), no higher than 720 px. */
export function posterArgs(input: string, output: string, durationSeconds: number | null): string[] {
  const at = durationSeconds === null ? 0 : Math.min(1, durationSeconds / 2);
  return ['-nostdin', '-v', 'error', '-y', '-ss', at.toFixed(2), '-i', input, '-frames:v', '1', '-vf', "scale=-2:'min(720,ih)'", '-q:v', '3', output];
}

/** H.264/AAC MP4 at a given height, playable on old phones (main profile, yuv420p) and streamable (faststart). */
export function videoRenditionArgs(input: string, output: string, height: number): string[] {
  return [
    '-nostdin', '-v', 'error', '-y', '-i', input,
    '-map', '0:v:0', '-map', '0:a:0?',
    '-vf', `scale=-2:${height}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', height <= 360 ? '28' : '24', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', height <= 360 ? '64k' : '128k', '-ac', '2',
    '-movflags', '+faststart', output,
  ];
}

/** AAC audio only, mono 64 kbit/s: small enough for a slow rural connection. */
export function audioRenditionArgs(input: string, output: string): string[] {
  return ['-nostdin', '-v', 'error', '-y', '-i', input, '-vn', '-map', '0:a:0', '-c:a', 'aac', '-b:a', '64k', '-ac', '1', '-movflags', '+faststart', output];
}

/** Samples per second decoded for the waveform: enough for peaks, little for a long recording. */
export const WAVEFORM_SAMPLE_RATE = 2000;

/** The audio as 16-bit mono PCM on standard output. */
export function waveformArgs(input: string): string[] {
  return ['-nostdin', '-v', 'error', '-i', input, '-vn', '-map', '0:a:0', '-ac', '1', '-ar', String(WAVEFORM_SAMPLE_RATE), '-f', 's16le', '-'];
}

/** The loudest sample of each of `buckets` equal slices of the PCM, from 0 to 1 with two decimals. */
export function peaksOf(pcm: Buffer, buckets: number): number[] {
  const samples = Math.floor(pcm.length / 2);
  if (samples === 0) return [];
  const count = Math.min(buckets, samples);
  const peaks: number[] = [];
  for (let bucket = 0; bucket < count; bucket += 1) {
    const start = Math.floor((bucket * samples) / count);
    const end = Math.floor(((bucket + 1) * samples) / count);
    let peak = 0;
    for (let i = start; i < end; i += 1) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i * 2)));
    peaks.push(Math.round((Math.min(peak, 32767) / 32767) * 100) / 100);
  }
  return peaks;
}

export async function runFfmpeg(binaries: FfmpegBinaries, args: string[], timeoutMs: number, maxStdoutBytes?: number): Promise<Buffer> {
  return (await runTool(binaries.ffmpeg, args, { timeoutMs, maxStdoutBytes })).stdout;
}
