import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../core/config';
import { ffmpegBinaries, runFfmpeg } from '../infra/ffmpeg';
import { jpegOfSvg } from '../infra/image';

/*
 * Small media files the project makes itself, so the demo and the tests need no files of
 * unknown licence: drawn with sharp, synthesised by the workers' own ffmpeg, a PDF written by hand.
 */

const FFMPEG_TIMEOUT_MS = 60_000;

/** A JPEG with a gradient and a disc (not flat, so thumbnails and placeholders have something to show). */
export function makeJpeg(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#1e6091"/><stop offset="1" stop-color="#f9c74f"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#d62828"/></svg>`;
  return jpegOfSvg(svg);
}

/** Runs the workers' ffmpeg with lavfi sources into a file of the given extension and returns its bytes. */
async function makeWithFfmpeg(args: string[], extension: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sample-media-'));
  try {
    const file = path.join(dir, `out.${extension}`);
    await runFfmpeg(ffmpegBinaries(loadConfig().media), ['-nostdin', '-v', 'error', '-y', ...args, file], FFMPEG_TIMEOUT_MS);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A video of `seconds` from testsrc with a sine tone, H.264/AAC in MP4. */
export function makeVideo(seconds: number, width: number, height: number): Promise<Buffer> {
  return makeWithFfmpeg(
    ['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=25:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    'mp4',
  );
}

/** A sine tone of `seconds`, AAC in an M4A (or another container by extension). */
export function makeAudio(seconds: number, extension = 'm4a'): Promise<Buffer> {
  return makeWithFfmpeg(['-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`, '-c:a', 'aac'], extension);
}

/** A PDF of `pages` pages, each with a line of (Latin-1) text, written byte by byte (offsets of the cross-reference table included). */
export function makePdf(text: string, pages = 1): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`;
  // Objects: 1 catalog, 2 page tree, 3 font, 4 content stream (shared), then one object per page.
  const pageIds = Array.from({ length: pages }, (_, i) => 5 + i);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    ...pageIds.map(() => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>'),
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
