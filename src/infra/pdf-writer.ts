import PDFDocument from 'pdfkit';
import type { FontFaces } from './fonts';

export interface PdfWriter {
  pdf: PDFKit.PDFDocument;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

/** A pdfkit document with `faces` registered as the fonts 'regular', 'bold' and 'italic', collecting its bytes. */
export function openPdf(options: PDFKit.PDFDocumentOptions, faces: FontFaces): PdfWriter {
  const pdf = new PDFDocument(options);
  pdf.registerFont('regular', faces.regular).registerFont('bold', faces.bold).registerFont('italic', faces.italic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return {
    pdf,
    finish: () => {
      pdf.end();
      return done;
    },
  };
}
