import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import type { PdfTask, PdfThreadReply } from './pdf';

/**
 * Runs in a worker thread started by `pdf.ts`, under its memory limit and time limit: opens one
 * PDF with pdf.js and does one task, then posts the result (or the error's message) and ends.
 */
async function run(task: PdfTask): Promise<PdfThreadReply> {
  // pdf.js is an ES module; `import()` stays an import in the compiled CommonJS (module node16).
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const loading = pdfjs.getDocument({
    url: task.file,
    // Font programs are interpreted, never compiled to functions from the file's bytes.
    isEvalSupported: false,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let document: Awaited<typeof loading.promise>;
  try {
    document = await loading.promise;
  } catch (error) {
    // A user password locks the content itself: nothing can be drawn or read without it. pdf.js does not export the class.
    if (error instanceof Error && error.name === 'PasswordException') return { kind: 'unusable', reason: 'DOCUMENT_ENCRYPTED', message: 'the PDF is protected by a password' };
    throw error;
  }
  try {
    if (document.numPages > task.maxPages) {
      return { kind: 'unusable', reason: 'TOO_MANY_PAGES', message: `the PDF has ${document.numPages} pages, more than the ${task.maxPages} allowed` };
    }
    if (task.kind === 'text') {
      // Pages are measured as they come: the whole text is never measured again for each page.
      const pages: string[] = [];
      let bytes = 0;
      for (let number = 1; number <= document.numPages && bytes < task.maxTextBytes; number += 1) {
        const page = await document.getPage(number);
        const content = await page.getTextContent();
        let text = '';
        for (const item of content.items) if ('str' in item) text += item.hasEOL ? `${item.str}\n` : `${item.str} `;
        pages.push(`${text}\n`);
        bytes += Buffer.byteLength(text) + 1;
        page.cleanup();
      }
      return { kind: 'text', text: Buffer.from(pages.join('')).subarray(0, task.maxTextBytes).toString('utf8') };
    }
    if (document.numPages === 0) return { kind: 'preview', pages: 0, png: null };
    const page = await document.getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: task.width / unscaled.width });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    if (width * height > task.maxPixels) throw new Error(`the first page would be ${width} × ${height} pixels at ${task.width} px wide`);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    // Pages without a background are transparent; a thumbnail shows them on white paper.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // @napi-rs/canvas implements the DOM canvas API pdf.js draws with; its types are its own.
    await page.render({ canvas: null, canvasContext: context as unknown as NonNullable<Parameters<typeof page.render>[0]['canvasContext']>, viewport }).promise;
    await writeFile(task.output, await canvas.encode('png'));
    return { kind: 'preview', pages: document.numPages, png: task.output };
  } finally {
    await document.destroy();
  }
}

run(workerData as PdfTask).then(
  (reply) => parentPort?.postMessage(reply),
  (error: unknown) => parentPort?.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) } satisfies PdfThreadReply),
);
