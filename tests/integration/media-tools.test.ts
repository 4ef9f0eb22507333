import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/core/config';
import { checkFfmpeg, ffmpegBinaries } from '../../src/infra/ffmpeg';
import { startWorkers } from '../../workers/host';
import { startTestApi, type TestApi } from '../helpers/test-api';

let dir: string;
let api: TestApi | null = null;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'media-tools-'));
});

afterEach(async () => {
  await api?.close();
  api = null;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for ffmpeg that answers -version and -encoders like a build without libx264. */
async function ffmpegWithout264(): Promise<string> {
  const file = path.join(dir, 'ffmpeg-no-x264');
  const encoders = ['Encoders:', ' V..... = Video', ' A..... = Audio', ' ------', ' V....D libvpx               libvpx VP8', ' A..... aac                  AAC (Advanced Audio Coding)'];
  await writeFile(file, `#!/bin/sh\ncase "$2" in\n  -version) echo "ffmpeg version 6.1-test Copyright (c) 2000-2023";;\n  -encoders) printf '%s\\n' ${encoders.map((line) => `'${line}'`).join(' ')};;\nesac\n`);
  await chmod(file, 0o755);
  return file;
}

it('uses the ffmpeg and ffprobe that npm installed when no path is set, and finds libx264 and aac in it', async () => {
  const binaries = ffmpegBinaries(loadConfig({}).media);
  expect(binaries.ffmpeg).toContain(path.join('node_modules', '@ffmpeg-installer'));
  expect(binaries.ffprobe).toContain(path.join('node_modules', '@ffprobe-installer'));
  const found = await checkFfmpeg(binaries, 30_000);
  expect(found).toMatchObject({ ffmpeg: binaries.ffmpeg, ffprobe: binaries.ffprobe });
  expect(found.ffmpegVersion).toMatch(/\d/);
  expect(found.ffprobeVersion).toMatch(/\d/);
});

it('takes FFMPEG_PATH and FFPROBE_PATH over the bundled binaries', () => {
  expect(ffmpegBinaries(loadConfig({ FFMPEG_PATH: '/usr/bin/ffmpeg', FFPROBE_PATH: '/usr/bin/ffprobe' }).media)).toEqual({ ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' });
});

it('refuses to start the workers with an ffmpeg that lacks an encoder, naming the binary and the encoder', async () => {
  const fake = await ffmpegWithout264();
  api = await startTestApi({ FFMPEG_PATH: fake });
  await expect(startWorkers(api.runtime)).rejects.toThrow(`${fake} (ffmpeg 6.1-test) lacks the encoder(s) libx264; set FFMPEG_PATH to an ffmpeg built with libx264 and aac`);
}, 60_000);

it('refuses to start the workers when FFPROBE_PATH names no program', async () => {
  const missing = path.join(dir, 'no-such-ffprobe');
  api = await startTestApi({ FFPROBE_PATH: missing });
  await expect(startWorkers(api.runtime)).rejects.toThrow(new RegExp(`^${missing} cannot run \\(.+\\); set FFPROBE_PATH to a working binary$`));
}, 60_000);
