import path from 'node:path';
import { firstPagePng, pdfPages, pdfText } from '../../infra/poppler';
import { UnusableInputError } from '../../infra/tool-process';
import { thumbnailsOf } from './image.step';
import type { StepInput, StepResult } from './step';

/** Text kept per document for search: a book's worth. */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;

/** Page count and thumbnails of the first page. */
export async function documentPreviewStep(input: StepInput): Promise<StepResult> {
  const pages = await pdfPages(input.file, input.timeoutMs);
  if (!pages) throw new UnusableInputError('the PDF has no pages');
  const png = await firstPagePng(input.file, path.join(input.workDir, 'page-1'), 1280, input.timeoutMs);
  const thumbnails = await thumbnailsOf(png, input.maxImagePixels);
  return { details: { pages, placeholder: thumbnails.placeholder }, renditions: thumbnails.renditions };
}

/** The text of the document, for search. */
export async function documentTextStep(input: StepInput): Promise<StepResult> {
  const text = await pdfText(input.file, MAX_TEXT_BYTES, input.timeoutMs);
  return { details: {}, renditions: [], text: text.replace(/\s+/g, ' ').trim() };
}
