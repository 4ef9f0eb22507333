import { createHash } from 'node:crypto';
import type { Part } from './multipart';
import type { AttachmentPart } from './statement-store';
import type { Json } from './statement-validation';
import { badRequest } from './xapi-error';
import { checkContentType } from './xapi-text';
import type { XapiVersion } from './xapi-versions';

const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

function digestOf(content: Buffer, sha2: string): string {
  const algorithm = sha2.length === 56 ? 'sha224' : sha2.length === 96 ? 'sha384' : sha2.length === 128 ? 'sha512' : 'sha256';
  return createHash(algorithm).update(content).digest('hex');
}

function attachmentsOf(statements: Json[]): Json[] {
  return statements.flatMap((statement) => {
    const own = (statement.attachments as Json[] | undefined) ?? [];
    const target = statement.object as Json;
    const inner = target.objectType === 'SubStatement' ? ((target.attachments as Json[] | undefined) ?? []) : [];
    return [...own, ...inner];
  });
}

/**
 * The attachment parts after a multipart body's first (statements) part, each checked against the
 * statements' attachments: every part is one of them and its SHA-2 matches its content, and every
 * attachment without a fileUrl has its part.
 */
export function checkAttachmentParts(statements: Json[], parts: Part[], version: XapiVersion): AttachmentPart[] {
  const declared = attachmentsOf(statements);
  const received: AttachmentPart[] = [];
  for (const part of parts) {
    const sha2 = part.headers['x-experience-api-hash'];
    if (!sha2) badRequest('Every attachment part needs an X-Experience-API-Hash header');
    // 1.0.3 requires the header; 2.0 lets it be left out, but an attachment is never in another encoding.
    const encoding = part.headers['content-transfer-encoding']?.toLowerCase();
    if ((version === '1.0.3' || encoding !== undefined) && encoding !== 'binary') badRequest('Every attachment part is sent with Content-Transfer-Encoding: binary');
    const attachment = declared.find((candidate) => String(candidate.sha2).toLowerCase() === sha2.toLowerCase());
    if (!attachment) badRequest(`No statement declares an attachment with the SHA-2 ${sha2}`);
    if (digestOf(part.body, sha2) !== sha2.toLowerCase()) badRequest(`The attachment part with the hash ${sha2} does not have that SHA-2`);
    received.push({ sha2: sha2.toLowerCase(), contentType: checkContentType(part.headers['content-type'] ?? String(attachment.contentType), 'An attachment’s Content-Type'), content: part.body });
  }
  for (const attachment of declared) {
    if (attachment.fileUrl !== undefined) continue;
    if (!received.some((part) => part.sha2 === String(attachment.sha2).toLowerCase())) badRequest('An attachment without a fileUrl needs its part in a multipart/mixed request');
  }
  for (const statement of statements) checkSignatures(statement, received);
  return received;
}

function decodeSegment(segment: string | undefined): Json {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch {
    // falls through to the refusal
  }
  return badRequest('A statement signature must be a JWS in compact serialization');
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortDeep((value as Json)[key])]));
  return value;
}

/** A signed statement's JWS: RS256/384/512, and a payload that is the statement itself (Data 2.6). */
function checkSignatures(statement: Json, parts: AttachmentPart[]): void {
  for (const attachment of (statement.attachments as Json[] | undefined) ?? []) {
    if (attachment.usageType !== SIGNATURE_USAGE) continue;
    if (attachment.contentType !== 'application/octet-stream') badRequest('A statement signature’s contentType is application/octet-stream');
    const part = parts.find((candidate) => candidate.sha2 === String(attachment.sha2).toLowerCase());
    if (!part) continue;
    const segments = part.content.toString('utf8').trim().split('.');
    if (segments.length !== 3) badRequest('A statement signature must be a JWS in compact serialization');
    const header = decodeSegment(segments[0]);
    if (!['RS256', 'RS384', 'RS512'].includes(String(header.alg))) badRequest('A statement signature uses RS256, RS384 or RS512');
    const payload = decodeSegment(segments[1]);
    for (const key of ['actor', 'verb', 'object']) {
      if (!sameJson(payload[key], statement[key])) badRequest('A statement signature’s payload must be the statement it signs');
    }
  }
}
