import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Checks AWS Signature Version 4 the way S3 does, for the embedded S3 server (s3rver accepts any
 * signature). Both forms: the Authorization header (what the minio client sends) and presigned
 * query-string URLs. The spec: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
 *
 * What it does not check: that the body matches the x-amz-content-sha256 the client signed (that
 * would mean holding back the body before s3rver stores it), and, for STREAMING-AWS4-HMAC-SHA256-PAYLOAD,
 * the chunk signatures after the seed signature of the header (the minio client never streams:
 * over http it signs the body's SHA-256, over https UNSIGNED-PAYLOAD).
 */

export interface SigningCredentials {
  accessKey: string;
  secretKey: string;
  region: string;
}

export interface SignedRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

/** Why a request is refused, in S3's words: its error code and message. */
export interface SignatureRefusal {
  code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'AuthorizationHeaderMalformed' | 'RequestTimeTooSkewed';
  message: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 's3';
/** X-Amz-Date's form: 20261205T133000Z. */
const AMZ_DATE = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/;
/** S3 refuses a header-signed request whose date is further than this from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** The longest validity S3 accepts for a presigned URL: 7 days. */
const MAX_PRESIGNED_EXPIRY_SECONDS = 7 * 24 * 60 * 60;

const MISMATCH: SignatureRefusal = {
  code: 'SignatureDoesNotMatch',
  message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
};

function refusal(code: SignatureRefusal['code'], message: string): SignatureRefusal {
  return { code, message };
}

/** The signature fields of either form, before they are checked. */
interface Claim {
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string;
  payloadHash: string;
  /** The query parameters that are signed (all but X-Amz-Signature for a presigned URL). */
  query: Array<[string, string]>;
}

/**
 * Null when the request carries a valid signature made with `credentials` (and, for a presigned
 * URL, is within its validity), otherwise why it is refused.
 */
export function verifySignatureV4(request: SignedRequest, credentials: SigningCredentials, now = Date.now()): SignatureRefusal | null {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = parseQuery(queryStart < 0 ? '' : url.slice(queryStart + 1));
  if (!query) return refusal('AccessDenied', 'The query string is not correctly encoded');

  const authorization = headerValue(request.headers, 'authorization');
  const presigned = query.some(([name]) => name === 'X-Amz-Algorithm');
  if (authorization !== undefined && presigned) return refusal('AccessDenied', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified');
  const claim = authorization !== undefined ? headerClaim(authorization, request.headers, query) : presigned ? queryClaim(query) : null;
  if (!claim) return refusal('AccessDenied', 'The request is not signed; the bucket is private');
  if ('code' in claim) return claim;

  const signedAt = parseAmzDate(claim.amzDate);
  if (signedAt === null) return refusal('AccessDenied', 'X-Amz-Date must be in the ISO 8601 basic form, like 20261205T133000Z');
  const [accessKey, scopeDate, region, service, terminator, ...extra] = claim.credential.split('/');
  if (extra.length || terminator !== 'aws4_request' || service !== SERVICE || !region) {
    return refusal('AuthorizationHeaderMalformed', 'The credential must have the form <access key>/<yyyymmdd>/<region>/s3/aws4_request');
  }
  if (accessKey !== credentials.accessKey) return refusal('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  if (scopeDate !== claim.amzDate.slice(0, 8)) return refusal('AuthorizationHeaderMalformed', "The credential's date does not match X-Amz-Date");
  if (region !== credentials.region) return refusal('AuthorizationHeaderMalformed', `The region '${region}' is wrong; expecting '${credentials.region}'`);

  const signedHeaderNames = claim.signedHeaders.split(';');
  if (!signedHeaderNames.includes('host')) return refusal('AccessDenied', 'The host header must be signed');
  if (signedHeaderNames.some((name, index) => !name || name !== name.toLowerCase() || (index > 0 && signedHeaderNames[index - 1] >= name))) {
    return refusal('AuthorizationHeaderMalformed', 'SignedHeaders must be lower-case names in sorted order, separated by semicolons');
  }
  // As S3 does: otherwise a presigned PUT could carry e.g. x-amz-copy-source, which s3rver obeys,
  // and copy any object of the bucket to the key the URL was made for.
  if (Object.keys(request.headers).some((name) => name.startsWith('x-amz-') && !signedHeaderNames.includes(name))) {
    return refusal('AccessDenied', 'There were headers present in the request which were not signed');
  }
  const canonicalHeaders = canonicalHeadersOf(request.headers, signedHeaderNames);
  if (canonicalHeaders === null) return refusal('AccessDenied', 'A header listed in SignedHeaders is missing');
  const path = canonicalPath(rawPath);
  if (path === null) return refusal('AccessDenied', 'The path is not correctly encoded');

  const canonicalRequest = [
    (request.method ?? 'GET').toUpperCase(),
    path,
    canonicalQuery(claim.query),
    canonicalHeaders,
    claim.signedHeaders,
    claim.payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${SERVICE}/aws4_request`;
  const stringToSign = [ALGORITHM, claim.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = hmac(signingKey(credentials.secretKey, scopeDate, region), stringToSign).toString('hex');
  if (!sameHex(expected, claim.signature)) return MISMATCH;

  // Time is checked after the signature, as S3 does, so a forged request learns nothing from it.
  if (authorization !== undefined) {
    return Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS ? refusal('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.') : null;
  }
  const expires = Number(query.find(([name]) => name === 'X-Amz-Expires')?.[1]);
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_EXPIRY_SECONDS) {
    return refusal('AccessDenied', 'X-Amz-Expires must be a number of seconds from 1 to 604800');
  }
  if (signedAt - now > MAX_CLOCK_SKEW_MS) return refusal('AccessDenied', 'Request is not valid yet');
  return now > signedAt + expires * 1000 ? refusal('AccessDenied', 'Request has expired') : null;
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` with x-amz-date and x-amz-content-sha256. */
function headerClaim(authorization: string, headers: IncomingHttpHeaders, query: Array<[string, string]>): Claim | SignatureRefusal {
  if (!authorization.startsWith(`${ALGORITHM} `)) return refusal('AccessDenied', `Only ${ALGORITHM} signatures are accepted`);
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return refusal('AuthorizationHeaderMalformed', 'The Authorization header needs Credential, SignedHeaders and Signature');
  // S3 would also take the Date header, in its own form; every client of ours sends x-amz-date.
  const amzDate = headerValue(headers, 'x-amz-date');
  const payloadHash = headerValue(headers, 'x-amz-content-sha256');
  if (!amzDate) return refusal('AccessDenied', 'AWS authentication requires an X-Amz-Date header');
  if (!payloadHash) return refusal('AccessDenied', 'The x-amz-content-sha256 header is required for AWS Signature Version 4');
  if (!/^([0-9a-f]{64}|UNSIGNED-PAYLOAD|STREAMING-AWS4-HMAC-SHA256-PAYLOAD)$/.test(payloadHash)) {
    return refusal('AccessDenied', 'x-amz-content-sha256 must be a SHA-256 in hex, UNSIGNED-PAYLOAD or STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  }
  return { credential, signedHeaders, signature, amzDate, payloadHash, query };
}

/** X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature. */
function queryClaim(query: Array<[string, string]>): Claim | SignatureRefusal {
  const get = (name: string) => query.find(([key]) => key === name)?.[1];
  if (get('X-Amz-Algorithm') !== ALGORITHM) return refusal('AccessDenied', `X-Amz-Algorithm must be ${ALGORITHM}`);
  const credential = get('X-Amz-Credential');
  const signedHeaders = get('X-Amz-SignedHeaders');
  const signature = get('X-Amz-Signature');
  const amzDate = get('X-Amz-Date');
  if (!credential || !signedHeaders || !signature || !amzDate || !get('X-Amz-Expires')) {
    return refusal('AccessDenied', 'A presigned URL needs X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature');
  }
  return { credential, signedHeaders, signature, amzDate, payloadHash: 'UNSIGNED-PAYLOAD', query: query.filter(([name]) => name !== 'X-Amz-Signature') };
}

function parseAmzDate(value: string): number | null {
  const date = AMZ_DATE.exec(value);
  if (!date) return null;
  return Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(date[4]), Number(date[5]), Number(date[6]));
}

/** Decoded name/value pairs of a raw query string, or null when it is not valid percent-encoding. */
function parseQuery(raw: string): Array<[string, string]> | null {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (!part) continue;
    const equals = part.indexOf('=');
    const name = decode(equals < 0 ? part : part.slice(0, equals));
    const value = decode(equals < 0 ? '' : part.slice(equals + 1));
    if (name === null || value === null) return null;
    pairs.push([name, value]);
  }
  return pairs;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * S3's URI encoding: every byte but A-Z a-z 0-9 - . _ ~ as %XX in upper case (space as %20, never
 * '+'). encodeURIComponent leaves ! ' ( ) * as they are, so those are encoded here.
 */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each segment of the path decoded and encoded once more, so any valid encoding of a key signs alike; S3 keeps '.' and '..' as they are. */
function canonicalPath(rawPath: string): string | null {
  const segments = rawPath.split('/').map(decode);
  if (segments.some((segment) => segment === null)) return null;
  return (segments as string[]).map(uriEncode).join('/') || '/';
}

/** Parameters encoded, sorted by name and then by value (by code point, as S3 does), `name=value` joined by '&'. */
function canonicalQuery(query: Array<[string, string]>): string {
  return query
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => (nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** `name:value\n` for each signed header, values trimmed and inner runs of spaces collapsed; null when one is missing. */
function canonicalHeadersOf(headers: IncomingHttpHeaders, names: string[]): string | null {
  let lines = '';
  for (const name of names) {
    const value = headerValue(headers, name);
    if (value === undefined) return null;
    lines += `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
  }
  return lines;
}

/** Node already joins a repeated header into one value; only set-cookie stays a list (no S3 request carries it). */
function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function signingKey(secretKey: string, date: string, region: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date), region), SERVICE), 'aws4_request');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/** Compares in constant time, so the time taken does not tell how much of a guess was right. */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
