import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { Client } from 'pg';
import { Role } from '../../src/core/roles';
import { InstitutionKind } from '../../src/catalogue/catalogue.enums';
import { loadConfig } from '../../src/core/config';
import { ENTITIES } from '../../src/app/entities';
import { migrate, openDatabase } from '../../src/infra/database';
import { growHeapForMediaBuffers } from '../../src/infra/heap-growth';
import { imageRenditions } from '../../src/infra/image';
import { ffmpegBinaries, runFfmpeg, videoRenditionArgs } from '../../src/infra/ffmpeg';
import { pdfPreview, pdfText } from '../../src/infra/pdf';
import { QueueName } from '../../src/infra/queue';
import { runTool } from '../../src/infra/tool-process';
import { MediaAsset, MediaStep } from '../../src/media/media-asset.entity';
import { MediaKind, MediaStepName } from '../../src/media/media.enums';
import { enqueueSteps, QueuePurpose } from '../../src/media/outbox';
import { THUMBNAIL_WIDTHS } from '../../src/media/steps/image.step';
import { openRuntime, type Runtime } from '../../src/app/runtime';
import { systemContext } from '../../src/app/system-context';
import { cpuSecondsOf, descendantsOf, memoryOf, resetPeakMemory } from '../helpers/processes';
import { makePdf } from '../helpers/media-fixtures';

/**
 * `npm run bench:media` — env BENCH_IMAGES (default 200), BENCH_VIDEO_SECONDS (default 60),
 * BENCH_S3 (`separate`, the default: the S3 server in a process of its own, as MinIO is in
 * production; `in-worker`: s3rver inside the worker process, as `npm start` runs it),
 * BENCH_CORES (`split`, the default: the work — the worker, the direct loops, ffmpeg alone — on
 * all cores but the last, and the S3 server and this process on the last, as in production where
 * MinIO runs apart; `shared`: every process on every core, so the S3 server takes its CPU from
 * sharp's). PostgreSQL and Redis are not pinned: with the work's cores busy, the scheduler runs
 * them on the other.
 *
 * Three processes: this one (arranges the data, runs the direct loops, watches), the S3 server,
 * and the worker — `dist/workers/main.js`, exactly as production runs it.
 *
 * Images: 12-megapixel JPEGs through the worker (outbox → BullMQ → download from S3 → sharp →
 * upload to S3 → PostgreSQL) against the same sharp calls (`imageRenditions`) on local copies of
 * the same files in one loop in this process, with the worker's concurrency. The direct loops run
 * before and after the worker's run and their mean is the baseline, so that a load that comes and
 * goes on the machine weighs on both sides alike. The S3 transfers the worker makes are timed
 * apart. Video: the 720p transcode of a 1080p clip as a worker step against the same ffmpeg
 * command run alone (before and after). Besides wall time, the CPU time of the processes doing
 * the work (from /proc), which other work on the machine hardly changes. Peak RSS of the worker
 * process: its VmHWM in /proc/<pid>/status, reset (clear_refs) before each phase; ffmpeg's own,
 * sampled the same way. Documents (BENCH_PDFS files of BENCH_PDF_PAGES pages, defaults 20 and 50):
 * the first-page thumbnail and the text of each file in pdf.js's thread, one file at a time, and
 * poppler's pdftoppm and pdftotext on the same files when they are on PATH (the workers no longer
 * use them; they are the old figures).
 */

const DATABASE_NAME = 'lifelong_bench_media';
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const IMAGES = Number(process.env.BENCH_IMAGES ?? 200);
const VIDEO_SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 60);
const PDFS = Number(process.env.BENCH_PDFS ?? 20);
const PDF_PAGES = Number(process.env.BENCH_PDF_PAGES ?? 50);
const S3_MODE = process.env.BENCH_S3 === 'in-worker' ? 'in-worker' : 'separate';
const CORES = os.cpus().length;
const SPLIT = process.env.BENCH_CORES !== 'shared' && CORES > 1;
/** taskset's lists of the cores of the work and of the rest, when split. */
const WORK_CORES = CORES > 2 ? `0-${CORES - 2}` : '0';
const REST_CORES = String(CORES - 1);
const DIST = path.resolve(__dirname, '../..');

/** A process started on the given cores when the cores are split. */
function spawnOn(cores: string, command: string, args: string[], options: SpawnOptions): ChildProcess {
  return SPLIT ? spawn('taskset', ['-c', cores, command, ...args], options) : spawn(command, args, options);
}

/** Moves every thread of this process (sharp's included; the threads and children it starts later follow) to the given cores when split. */
function moveSelfTo(cores: string): void {
  if (SPLIT) execFileSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' });
}

/** `work` run on the work's cores, this process back on the rest's after. */
async function onWorkCores<T>(work: () => Promise<T>): Promise<T> {
  moveSelfTo(WORK_CORES);
  try {
    return await work();
  } finally {
    moveSelfTo(REST_CORES);
  }
}

async function recreateDatabase(): Promise<string> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`drop database if exists "${DATABASE_NAME}" with (force)`);
  await client.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE_NAME}`;
  return url.toString();
}

interface Timed<T> {
  ms: number;
  /** CPU seconds of the watched processes meanwhile. */
  cpu: number;
  result: T;
}

/** Wall time of `work`, and the CPU seconds the given processes used meanwhile (children they reaped included). */
async function timed<T>(work: () => Promise<T>, processes: (number | 'self')[] = ['self']): Promise<Timed<T>> {
  const cpu = () => processes.reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const cpuBefore = cpu();
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpu: cpu() - cpuBefore, result };
}

async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** The first line a child process prints (an endpoint). */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      lines.close();
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready`)));
  });
}

/** The peak RSS of the ffmpeg processes under `root` while `work` runs, sampled every 100 ms. */
async function withFfmpegPeak<T>(root: number, work: () => Promise<T>): Promise<{ result: T; ffmpegPeak: number }> {
  let ffmpegPeak = 0;
  const sampler = setInterval(() => {
    for (const p of descendantsOf(root)) if (path.basename(p.args[0] ?? '') === 'ffmpeg') ffmpegPeak = Math.max(ffmpegPeak, memoryOf(p.pid, 'VmHWM') ?? 0);
  }, 100);
  try {
    return { result: await work(), ffmpegPeak };
  } finally {
    clearInterval(sampler);
  }
}

async function makePhotos(dir: string, count: number): Promise<string[]> {
  // Noise compresses like a photograph and decodes at a photograph's cost (or more: it is all detail).
  const noise = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();
  const files: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const file = path.join(dir, `photo-${i}.jpg`);
    await writeFile(file, noise);
    files.push(file);
  }
  return files;
}

async function waitForSteps(runtime: Runtime, count: number, step: MediaStepName): Promise<void> {
  for (;;) {
    const [row] = await runtime.orm.em.fork().execute<{ done: number }[]>(`select count(*)::int as done from media_step where name = ? and status in ('READY', 'FAILED')`, [step]);
    if ((row?.done ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether a command is on PATH. */
function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((folder) => folder && existsSync(path.join(folder, command)));
}

/** The PDF figures, as lines: pdf.js in its thread, and poppler's commands when present. */
async function benchPdf(dir: string, maxPixels: number): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < PDFS; i += 1) {
    const file = path.join(dir, `document-${i}.pdf`);
    await writeFile(file, makePdf(`Trang tai lieu so ${i}: ky thuat tuoi nho giot cho cay thanh long`, PDF_PAGES));
    files.push(file);
  }
  const each = (work: (file: string, i: number) => Promise<unknown>) => onWorkCores(() => timed(() => inBatches(files.map((file, i) => ({ file, i })), 1, async ({ file, i }) => void (await work(file, i)))));
  const limit = 600_000;
  const lines = [`documents: ${PDFS} PDFs of ${PDF_PAGES} pages, one at a time`];
  const line = (what: string, result: Timed<void>, unit: 'pages' | 'files') =>
    `  ${what.padEnd(26)} ${(result.ms / 1000).toFixed(2)} s, ${(((unit === 'pages' ? PDFS * PDF_PAGES : PDFS) * 1000) / result.ms).toFixed(1)} ${unit}/s, ${result.cpu.toFixed(1)} CPU-s`;
  lines.push(line('pdf.js thumbnail (thread)', await each((file, i) => pdfPreview(file, path.join(dir, `pdfjs-${i}.png`), 1280, maxPixels, limit)), 'files'));
  lines.push(line('pdf.js text (thread)', await each((file) => pdfText(file, 2 * 1024 * 1024, limit)), 'pages'));
  if (onPath('pdftoppm') && onPath('pdftotext') && onPath('pdfinfo')) {
    const firstPage = (file: string, i: number) =>
      runTool('pdfinfo', [file], { timeoutMs: limit }).then(() =>
        runTool('pdftoppm', ['-f', '1', '-l', '1', '-singlefile', '-png', '-scale-to-x', '1280', '-scale-to-y', '-1', file, path.join(dir, `poppler-${i}`)], { timeoutMs: limit }),
      );
    lines.push(line('pdfinfo + pdftoppm', await each(firstPage), 'files'));
    lines.push(line('pdftotext', await each((file) => runTool('pdftotext', ['-enc', 'UTF-8', '-q', file, '-'], { timeoutMs: limit })), 'pages'));
  } else {
    lines.push('  poppler (pdftoppm, pdftotext, pdfinfo) is not on PATH: no figures beside');
  }
  return lines;
}

async function main(): Promise<void> {
  moveSelfTo(REST_CORES);
  // The direct loops run here, with the worker's heap settings.
  growHeapForMediaBuffers();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-media-'));
  const databaseUrl = await recreateDatabase();
  const queuePrefix = `bench-${randomBytes(3).toString('hex')}`;
  const children: ChildProcess[] = [];
  const workerEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, QUEUE_PREFIX: queuePrefix, MEDIA_RELAY_INTERVAL_MS: '50' };

  // The S3 server: its own process, or inside the worker (whose embedded s3rver then serves this process too).
  let s3Endpoint: string;
  let s3Pid: number | null = null;
  let worker: ChildProcess | null = null;
  const startWorker = () => {
    worker = spawnOn(WORK_CORES, process.execPath, [path.join(DIST, 'workers/main.js')], { env: workerEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(worker);
    return worker;
  };
  if (S3_MODE === 'separate') {
    const s3 = spawnOn(REST_CORES, process.execPath, [path.join(DIST, 'tests/bench/media-s3-server.js'), path.join(dir, 'data'), 'learning-media'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(s3);
    s3Pid = s3.pid as number;
    s3Endpoint = await firstLine(s3);
    workerEnv.S3_ENDPOINT = s3Endpoint;
  } else {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    Object.assign(workerEnv, { EMBEDDED_S3_PORT: String(port), DATA_DIR: path.join(dir, 'data') });
    s3Endpoint = `http://127.0.0.1:${port}`;
  }

  const config = loadConfig({ ...workerEnv, S3_ENDPOINT: s3Endpoint });
  const pdfLines = await benchPdf(dir, config.media.maxImagePixels);
  if (S3_MODE === 'in-worker') {
    // The database migrated first, then the worker, whose s3rver this process needs to open its runtime.
    const orm = await openDatabase(config, ENTITIES);
    await migrate(orm);
    await orm.close();
    startWorker();
    while (!(await fetch(s3Endpoint).then(() => true, () => false))) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const runtime = await openRuntime(config, { migrate: S3_MODE === 'separate', redisPurpose: 'worker' });
  const queue = (name: QueueName) => runtime.services.queues.get(name);
  try {
    const em = runtime.orm.em.fork();
    await runtime.services.unitImport.importCsv(em, 'code,name,level,parent_code,valid_from,valid_to,successor_code\n80,Tỉnh Tây Ninh,PROVINCE,,2025-07-01,,');
    const ctx = systemContext(em, runtime.services, runtime.log, { accountId: randomUUID(), grants: [{ role: Role.PROVINCE_ADMIN, institutionId: null, unitId: null, unitPath: null, centreUnitPath: null }] });
    const unit = await runtime.services.units.findByCode(ctx, '80', null);
    const institution = await runtime.services.institutions.create(ctx, unit?.id as string, { name: 'Bench', kind: InstitutionKind.LIBRARY, latitude: null, longitude: null });
    // The assets and their steps are written first, outside the timed window; committing their
    // outbox rows is what hands them to the worker, and starts the clock.
    const createAssets = async (kind: MediaKind, keys: string[], step: MediaStepName) => {
      const assets = keys.map((key) => em.create(MediaAsset, { institution, uploadedBy: ctx.actor?.accountId as string, kind, originalKey: key, contentType: 'x', filename: 'x', sizeBytes: 1 }));
      for (const asset of assets) em.create(MediaStep, { asset, name: step });
      await em.flush();
      return () => em.transactional((tx) => enqueueSteps(tx, institution.id, assets.map((asset) => ({ assetId: asset.id, step, dispatch: 1 })), QueuePurpose.UPLOAD));
    };

    // ---- images ----
    const photos = await makePhotos(dir, IMAGES);
    const keys = photos.map((_, i) => `bench/photo-${i}.jpg`);
    const bytes = await readFile(photos[0] as string);
    await inBatches(keys, 8, (key) => runtime.storage.put(key, bytes, 'image/jpeg'));
    const concurrency = config.media.concurrency.image;
    const directLoop = () => onWorkCores(() => timed(() => inBatches(photos, concurrency, async (file) => void (await imageRenditions(file, THUMBNAIL_WIDTHS, config.media.maxImagePixels)))));
    const direct1 = await directLoop();

    // What the worker moves to and from S3 per image, alone: the original down to a file, three WebP up.
    const sample = await imageRenditions(photos[0] as string, THUMBNAIL_WIDTHS, config.media.maxImagePixels);
    const transfer = await timed(
      () =>
        inBatches(keys, concurrency, async (key) => {
          const local = path.join(dir, `down-${path.basename(key)}`);
          await runtime.storage.download(key, local);
          await rm(local);
          for (const image of sample.webp) await runtime.storage.put(`bench-transfer/${path.basename(key)}-${image.width}.webp`, image.data, 'image/webp');
        }),
      s3Pid ? ['self', s3Pid] : ['self'],
    );

    const workerPid = ((worker as ChildProcess | null) ?? startWorker()).pid as number;
    while ((await queue(QueueName.MediaImage).getWorkersCount()) === 0 || (await queue(QueueName.MediaVideo).getWorkersCount()) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const servers = [workerPid, ...(s3Pid ? [s3Pid] : [])];
    resetPeakMemory(workerPid);
    const idleRss = memoryOf(workerPid, 'VmRSS') ?? 0;
    const enqueueImages = await createAssets(MediaKind.IMAGE, keys, MediaStepName.IMAGE_RENDITIONS);
    const workerCpuBefore = cpuSecondsOf(workerPid);
    const viaWorker = await timed(async () => {
      await enqueueImages();
      await waitForSteps(runtime, IMAGES, MediaStepName.IMAGE_RENDITIONS);
    }, servers);
    const workerCpu = cpuSecondsOf(workerPid) - workerCpuBefore;
    const imagePeak = memoryOf(workerPid, 'VmHWM') ?? 0;
    const direct2 = await directLoop();

    // ---- video ----
    const clip = path.join(dir, 'clip.mp4');
    const ffmpeg = ffmpegBinaries(config.media);
    execFileSync(ffmpeg.ffmpeg, [
      '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=25:duration=${VIDEO_SECONDS}`, '-f', 'lavfi', '-i', `sine=duration=${VIDEO_SECONDS}`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', clip,
    ]);
    await runtime.storage.put('bench/clip.mp4', await readFile(clip), 'video/mp4');
    const aloneRun = () => onWorkCores(() => withFfmpegPeak(process.pid, () => timed(() => runFfmpeg(ffmpeg, videoRenditionArgs(clip, path.join(dir, 'alone.mp4'), 720), 3_600_000))));
    const alone1 = await aloneRun();
    const enqueueVideo = await createAssets(MediaKind.VIDEO, ['bench/clip.mp4'], MediaStepName.VIDEO_720P);
    resetPeakMemory(workerPid);
    const videoWorker = await withFfmpegPeak(workerPid, () =>
      timed(async () => {
        await enqueueVideo();
        await waitForSteps(runtime, 1, MediaStepName.VIDEO_720P);
      }, servers),
    );
    const videoPeak = memoryOf(workerPid, 'VmHWM') ?? 0;
    const alone2 = await aloneRun();

    const [failed] = await runtime.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from media_step where status = 'FAILED'`);
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const cpu = (seconds: number) => `${seconds.toFixed(1)} CPU-s`;
    const directMs = (direct1.ms + direct2.ms) / 2;
    const directCpu = (direct1.cpu + direct2.cpu) / 2;
    const aloneMs = (alone1.result.ms + alone2.result.ms) / 2;
    const aloneCpu = (alone1.result.cpu + alone2.result.cpu) / 2;
    const rate = (ms: number) => `${((IMAGES * 1000) / ms).toFixed(2)} images/s`;
    const where = S3_MODE === 'separate' ? 'worker + S3 server processes' : 'worker process, its s3rver included';
    console.log(`\nmedia bench — ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end (other work on the machine slows both sides)`);
    console.log(`  image concurrency ${concurrency}; S3 server ${S3_MODE === 'separate' ? 'in a process of its own' : 'inside the worker process'}; failed steps: ${failed?.n}`);
    console.log(
      SPLIT
        ? `  cores split: the worker, the direct loops and ffmpeg alone on core(s) ${WORK_CORES}; ${S3_MODE === 'separate' ? 'the S3 server and ' : ''}this process on core ${REST_CORES} (BENCH_CORES=shared for all on all)`
        : '  cores shared: every process on every core, the S3 server competing with sharp (BENCH_CORES=split to give it a core of its own)',
    );
    console.log(`images: ${IMAGES} × 4000×3000 JPEG (${mb(bytes.length)} each) → WebP ${THUMBNAIL_WIDTHS.join('/')} + BlurHash`);
    console.log(`  direct loop    ${s(direct1.ms)} before, ${s(direct2.ms)} after the worker; mean ${s(directMs)}, ${rate(directMs)}, ${cpu(directCpu)}`);
    console.log(`                 includes: imageRenditions on local files, ${concurrency} at a time, in one process (read, decode, resize, WebP, BlurHash)`);
    console.log('                 excludes: S3 transfers, the queue, PostgreSQL');
    console.log(`  S3 alone       ${s(transfer.ms)}, ${cpu(transfer.cpu)} (client + server) for what the worker transfers: originals down to files, three WebP up`);
    console.log(`  via worker     ${s(viaWorker.ms)}, ${rate(viaWorker.ms)}, ${cpu(viaWorker.cpu)} (${where}; the worker's own ${cpu(workerCpu)})`);
    console.log('                 from the commit of the outbox rows to the last step READY: relay, BullMQ, S3 both ways, sharp, PostgreSQL');
    console.log(
      `  overhead ratio ${(viaWorker.ms / directMs).toFixed(3)} wall time (target ≤ 1.15); CPU time ${(workerCpu / directCpu).toFixed(3)} the worker's own${
        S3_MODE === 'separate' ? `, ${(viaWorker.cpu / directCpu).toFixed(3)} with the S3 server's` : ', its s3rver included'
      }`,
    );
    console.log(`  worker peak RSS ${mb(imagePeak)} (VmHWM of the worker process, read from /proc; ${mb(idleRss)} idle before)`);
    console.log(`video: 720p transcode of a ${VIDEO_SECONDS} s 1080p clip (${mb((await stat(clip)).size)})`);
    console.log(`  ffmpeg alone   ${s(alone1.result.ms)} before, ${s(alone2.result.ms)} after the worker; mean ${s(aloneMs)}, ${cpu(aloneCpu)}`);
    console.log(`  via worker     ${s(videoWorker.result.ms)}, ${cpu(videoWorker.result.cpu)} (${where}, ffmpeg and ffprobe included)`);
    console.log('                 relay, BullMQ, download, probe, the same ffmpeg command, probe of the output, upload, PostgreSQL');
    console.log(`  overhead ratio ${(videoWorker.result.ms / aloneMs).toFixed(3)} wall time (target ≤ 1.15); ${(videoWorker.result.cpu / aloneCpu).toFixed(3)} CPU time`);
    console.log(
      `  worker peak RSS ${mb(videoPeak)} (VmHWM of the worker process); ffmpeg's own peak ${mb(videoWorker.ffmpegPeak)} under the worker, ${mb(Math.max(alone1.ffmpegPeak, alone2.ffmpegPeak))} alone (sampled)`,
    );
    for (const pdfLine of pdfLines) console.log(pdfLine);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)));
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
