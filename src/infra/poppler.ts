import { runTool } from './tool-process';

/** Page count from `pdfinfo`'s output. */
export function pagesOf(pdfinfoOutput: string): number | null {
  const match = /^Pages:\s+(\d+)/m.exec(pdfinfoOutput);
  return match ? Number(match[1]) : null;
}

export async function pdfPages(file: string, timeoutMs: number): Promise<number | null> {
  const result = await runTool('pdfinfo', [file], { timeoutMs });
  return pagesOf(result.stdout.toString('utf8'));
}

/** The first page as a PNG `width` px wide (height to scale), written to `outputBase`.png. */
export async function firstPagePng(file: string, outputBase: string, width: number, timeoutMs: number): Promise<string> {
  await runTool('pdftoppm', ['-f', '1', '-l', '1', '-singlefile', '-png', '-scale-to-x', String(width), '-scale-to-y', '-1', file, outputBase], { timeoutMs });
  return `${outputBase}.png`;
}

/** The document's text (UTF-8), at most `maxBytes` of it. */
export async function pdfText(file: string, maxBytes: number, timeoutMs: number): Promise<string> {
  const result = await runTool('pdftotext', ['-enc', 'UTF-8', '-q', file, '-'], { timeoutMs, maxStdoutBytes: maxBytes });
  // A cut may split a character; drop the broken end and the NULs PostgreSQL refuses.
  return result.stdout.toString('utf8').replace(/\uFFFD+$/, '').replace(/\u0000/g, '');
}
