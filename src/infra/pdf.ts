import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT, RUNNING_COMPILED } from '../core/paths';
import { ToolError, UnusableInputError } from './tool-process';

/** What a PDF thread is asked to do with one file; a file of more than `maxPages` pages is refused once opened, before any page is read. */
export type PdfTask =
  | { kind: 'preview'; file: string; output: string; width: number; maxPixels: number; maxPages: number }
  | { kind: 'text'; file: string; maxTextBytes: number; maxPages: number };

export type PdfThreadReply =
  | { kind: 'preview'; pages: number; png: string | null }
  | { kind: 'text'; text: string }
  | { kind: 'unusable'; reason: 'DOCUMENT_ENCRYPTED' | 'TOO_MANY_PAGES'; message: string }
  | { kind: 'error'; message: string };

/**
 * Heap of one PDF thread: a book's text or one page's drawing needs far less; a file built to
 * exhaust memory fails its step instead of the worker process.
 */
export const PDF_THREAD_HEAP_MB = 512;

/** The compiled thread script: beside this file when built; from the sources (ts-jest), the build's copy. */
function threadScript(): string {
  return RUNNING_COMPILED ? path.join(__dirname, 'pdf-thread.js') : path.join(PROJECT_ROOT, 'dist', 'src', 'infra', 'pdf-thread.js');
}

/**
 * Parses an untrusted PDF with pdf.js (JavaScript, no native parser) in a worker thread of its own
 * with a bounded heap, terminated at `timeoutMs`: a hostile file fails its step (ToolError, timed
 * out or not, as a tool's failure) and the worker goes on.
 */
function runPdfThread(task: PdfTask, timeoutMs: number): Promise<PdfThreadReply> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(threadScript(), { workerData: task, resourceLimits: { maxOldGenerationSizeMb: PDF_THREAD_HEAP_MB }, stdout: true, stderr: true });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void thread.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new ToolError('pdf', `stopped after running longer than ${Math.round(timeoutMs / 1000)} s`, true))), timeoutMs);
    thread.on('message', (reply: PdfThreadReply) =>
      settle(() => {
        if (reply.kind === 'error') reject(new ToolError('pdf', reply.message));
        else if (reply.kind === 'unusable') reject(new UnusableInputError(reply.reason, reply.message));
        else resolve(reply);
      }),
    );
    // Only running out of memory tells something of the file; a thread that could not start or
    // ended without answering failed on this machine, so the step is tried again (a plain Error).
    thread.on('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ToolError('pdf', `needed more than ${PDF_THREAD_HEAP_MB} MB of memory`) : new Error(`pdf: the thread failed: ${error.message}`))),
    );
    thread.on('exit', (code) => settle(() => reject(new Error(`pdf: the thread ended with ${code} before it answered`))));
  });
}

/**
 * The page count, and the first page as a PNG `width` px wide (height to scale) at `output`. A PDF locked with a password
 * (DOCUMENT_ENCRYPTED) or of more than `maxPages` pages (TOO_MANY_PAGES) is refused as unusable.
 */
export async function pdfPreview(file: string, output: string, width: number, maxPixels: number, timeoutMs: number, maxPages = Number.MAX_SAFE_INTEGER): Promise<{ pages: number; png: string }> {
  const reply = await runPdfThread({ kind: 'preview', file, output, width, maxPixels, maxPages }, timeoutMs);
  if (reply.kind !== 'preview' || !reply.png) throw new UnusableInputError('DOCUMENT_UNREADABLE', 'the PDF has no pages');
  return { pages: reply.pages, png: reply.png };
}

/** The document's text (UTF-8), at most `maxBytes` of it; refused as `pdfPreview` refuses. */
export async function pdfText(file: string, maxBytes: number, timeoutMs: number, maxPages = Number.MAX_SAFE_INTEGER): Promise<string> {
  const reply = await runPdfThread({ kind: 'text', file, maxTextBytes: maxBytes, maxPages }, timeoutMs);
  if (reply.kind !== 'text') throw new ToolError('pdf', 'the thread gave no text');
  // A cut may split a character; drop the broken end and the NULs PostgreSQL refuses.
  return reply.text.replace(/\uFFFD+$/, '').replace(/\u0000/g, '');
}
