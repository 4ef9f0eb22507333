import { badRequest } from './xapi-error';

const IRI = /^[a-z][a-z0-9+.-]*:\S*$/i;

/**
 * The longest IRI or agent identifier the LRS keeps, in UTF-8 bytes: each is an index entry (verb, activity, document
 * key, filter keys), and PostgreSQL refuses an entry over about 2,700 bytes.
 */
export const KEY_BYTES = 2000;

export function fitsKey(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') <= KEY_BYTES;
}

/** An IRI as the LRS checks one: a scheme, a colon and no white space (what the spec asks an LRS to check), that fits a key. */
export function isIri(text: string): boolean {
  return IRI.test(text) && fitsKey(text);
}

export const IRI_RULE = `an IRI of at most ${KEY_BYTES} bytes`;

/**
 * Whether a string, or any string or key inside a parsed JSON value, holds U+0000: PostgreSQL's text and jsonb cannot
 * store it, so the request is refused before it reaches a query.
 */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, item]) => key.includes('\0') || containsNul(item));
  return false;
}

/** The longest media type the document and attachment rows keep (their content_type columns). */
const CONTENT_TYPE_LENGTH = 255;

export function checkContentType(contentType: string, what: string): string {
  if (contentType.length > CONTENT_TYPE_LENGTH) badRequest(`${what} is longer than ${CONTENT_TYPE_LENGTH} characters`);
  return contentType;
}
