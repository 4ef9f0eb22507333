import { badRequest } from './xapi-error';

/** One part of a multipart/mixed body: its headers (lower-case names) and its bytes. */
export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary parameter of a multipart Content-Type, or null when it has none. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? ((match[1] ?? match[2]) as string) : null;
}

function headersOf(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) badRequest('A multipart section has a malformed header');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits a multipart/mixed body (RFC 2046) into its parts; anything malformed is a 400. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) badRequest('The multipart body has no boundary');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') break;
    if (body.subarray(position, position + 2).toString() !== '\r\n') badRequest('A multipart boundary must end its line');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), position);
    if (next < 0) badRequest('The multipart body has no closing boundary');
    const section = body.subarray(position + 2, next);
    const split = section.indexOf('\r\n\r\n');
    const headerText = split < 0 ? section.toString('utf8') : section.subarray(0, split).toString('utf8');
    parts.push({ headers: headersOf(headerText), body: split < 0 ? Buffer.alloc(0) : section.subarray(split + 4) });
    position = next + 2;
  }
  return parts;
}

/** Writes parts as a multipart/mixed body. */
export function writeMultipart(boundary: string, parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = Object.entries(part.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
