import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { Client } from 'pg';
import { Role } from '../../src/auth/roles';
import { InstitutionKind } from '../../src/catalogue/catalogue.enums';
import { loadConfig } from '../../src/config';
import { imageRenditions } from '../../src/infra/image';
import { runFfmpeg, videoRenditionArgs } from '../../src/infra/ffmpeg';
import { MediaAsset, MediaStep } from '../../src/media/media-asset.entity';
import { MediaKind, MediaStepName } from '../../src/media/media.enums';
import { enqueueSteps, QueuePurpose } from '../../src/media/outbox';
import { THUMBNAIL_WIDTHS } from '../../src/media/steps/image.step';
import { openRuntime, type Runtime } from '../../src/runtime';
import { systemContext } from '../../src/system-context';
import { startWorkers } from '../../workers/host';

/**
 * `npm run bench:media` (env BENCH_IMAGES, default 200; BENCH_VIDEO_SECONDS, default 60).
 *
 * Images: 12-megapixel JPEGs through the whole worker path (outbox → BullMQ → download from S3 →
 * sharp → upload → PostgreSQL) against the same sharp calls on the same files in one loop, with
 * the worker's concurrency. Video: the 720p transcode of a 1080p clip as a worker step against
 * the same ffmpeg command run alone. Prints the overhead ratios and the process's peak RSS.
 */

const DATABASE_NAME = 'lifelong_bench_media';
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const IMAGES = Number(process.env.BENCH_IMAGES ?? 200);
const VIDEO_SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 60);

async function recreateDatabase(): Promise<string> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`drop database if exists "${DATABASE_NAME}" with (force)`);
  await client.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE_NAME}`;
  return url.toString();
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

async function makePhotos(dir: string, count: number): Promise<string[]> {
  // Noise compresses like a photograph and decodes at a photograph's cost.
  const noise = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer();
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
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-media-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: await recreateDatabase(), DATA_DIR: dir, EMBEDDED_S3_PORT: '0', QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn', MEDIA_RELAY_INTERVAL_MS: '50' });
  const runtime = await openRuntime(config, { migrate: true, redisPurpose: 'worker' });
  try {
    const em = runtime.orm.em.fork();
    await runtime.services.unitImport.importCsv(em, 'code,name,level,parent_code,valid_from,valid_to,successor_code\n80,Tỉnh Tây Ninh,PROVINCE,,2025-07-01,,');
    const ctx = systemContext(em, runtime.services, runtime.log, { accountId: randomBytes(16).toString('hex').replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1-$2-$3-$4-$5'), grants: [{ role: Role.PROVINCE_ADMIN, institutionId: null, unitId: null, unitPath: null }] });
    const unit = await runtime.services.units.findByCode(ctx, '80', null);
    const institution = await runtime.services.institutions.create(ctx, unit?.id as string, { name: 'Bench', kind: InstitutionKind.LIBRARY, latitude: null, longitude: null });

    const queueAssets = async (kind: MediaKind, keys: string[], step: MediaStepName) => {
      await em.transactional(async (tx) => {
        const assets = keys.map((key) => tx.create(MediaAsset, { institution, uploadedBy: ctx.actor?.accountId as string, kind, originalKey: key, contentType: 'x', filename: 'x', sizeBytes: 1 }));
        const steps = assets.map((asset) => tx.create(MediaStep, { asset, name: step }));
        await tx.flush();
        await enqueueSteps(tx, institution.id, steps.map((s) => ({ assetId: s.asset.id, step, dispatch: 1 })), QueuePurpose.UPLOAD);
      });
    };

    // ---- images ----
    const photos = await makePhotos(dir, IMAGES);
    const keys = photos.map((_, i) => `bench/photo-${i}.jpg`);
    const bytes = await readFile(photos[0] as string);
    await inBatches(keys, 8, (key) => runtime.storage.put(key, bytes, 'image/jpeg'));
    const concurrency = config.media.concurrency.image;
    const direct = await timed(() => inBatches(photos, concurrency, async (file) => void (await imageRenditions(file, THUMBNAIL_WIDTHS, config.media.maxImagePixels))));
    const workers = await startWorkers(runtime);
    peakRss = 0;
    const viaWorker = await timed(async () => {
      await queueAssets(MediaKind.IMAGE, keys, MediaStepName.IMAGE_RENDITIONS);
      await waitForSteps(runtime, IMAGES, MediaStepName.IMAGE_RENDITIONS);
    });
    const imageRss = peakRss;

    // ---- video ----
    const clip = path.join(dir, 'clip.mp4');
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=25:duration=${VIDEO_SECONDS}`, '-f', 'lavfi', '-i', `sine=duration=${VIDEO_SECONDS}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', clip]);
    await runtime.storage.upload('bench/clip.mp4', clip, 'video/mp4');
    const alone = await timed(() => runFfmpeg(videoRenditionArgs(clip, path.join(dir, 'alone.mp4'), 720), 3_600_000));
    peakRss = 0;
    const videoWorker = await timed(async () => {
      await queueAssets(MediaKind.VIDEO, ['bench/clip.mp4'], MediaStepName.VIDEO_720P);
      await waitForSteps(runtime, 1, MediaStepName.VIDEO_720P);
    });
    await workers.close();

    const [failed] = await runtime.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from media_step where status = 'FAILED'`);
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    console.log(`\nmedia bench (${os.cpus().length} cores; image concurrency ${concurrency}; failed steps: ${failed?.n})`);
    console.log(`images: ${IMAGES} × 4000×3000 JPEG → WebP ${THUMBNAIL_WIDTHS.join('/')} + BlurHash`);
    console.log(`  sharp alone   ${(direct.ms / 1000).toFixed(1)} s  ${((IMAGES * 1000) / direct.ms).toFixed(2)} images/s`);
    console.log(`  via worker    ${(viaWorker.ms / 1000).toFixed(1)} s  ${((IMAGES * 1000) / viaWorker.ms).toFixed(2)} images/s`);
    console.log(`  overhead ratio ${(viaWorker.ms / direct.ms).toFixed(3)} (target ≤ 1.15); peak RSS ${mb(imageRss)}`);
    console.log(`video: 720p transcode of a ${VIDEO_SECONDS} s 1080p clip`);
    console.log(`  ffmpeg alone  ${(alone.ms / 1000).toFixed(1)} s`);
    console.log(`  via worker    ${(videoWorker.ms / 1000).toFixed(1)} s`);
    console.log(`  overhead ratio ${(videoWorker.ms / alone.ms).toFixed(3)} (target ≤ 1.15); peak RSS ${mb(peakRss)} (ffmpeg's own memory is not in it)`);
  } finally {
    clearInterval(sampler);
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
