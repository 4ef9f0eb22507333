import path from 'node:path';
import { pdfPreview, pdfText } from '../../infra/pdf';
import { thumbnailsOf } from './image.step';
import type { StepInput, StepResult } from './step';

/** Text kept per document for search: a book's worth. */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;

/** Page count and thumbnails of the first page; a PDF locked with a password, or longer than allowed, fails (DOCUMENT_ENCRYPTED, TOO_MANY_PAGES). */
export async function documentPreviewStep(input: StepInput): Promise<StepResult> {
  const { pages, png } = await pdfPreview(input.file, path.join(input.workDir, 'page-1.png'), 1280, input.maxImagePixels, input.timeoutMs, input.maxDocumentPages);
  const thumbnails = await thumbnailsOf(png, input.maxImagePixels);
  return { details: { pages, placeholder: thumbnails.placeholder }, renditions: thumbnails.renditions };
}

/** The text of the document, for search; refused as the preview is. */
export async function documentTextStep(input: StepInput): Promise<StepResult> {
  const text = await pdfText(input.file, MAX_TEXT_BYTES, input.timeoutMs, input.maxDocumentPages);
  return { details: {}, renditions: [], text: text.replace(/\s+/g, ' ').trim() };
}
