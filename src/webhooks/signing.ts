import { createHmac, timingSafeEqual } from 'node:crypto';

/** Prefix of endpoint secrets, so one found in a log is recognised for what it is. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** The headers of a delivery (Standard Webhooks style): what the receiver checks the body against. */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** Hex HMAC-SHA256, keyed with the whole secret, of `id.timestamp.body`; the timestamp is in seconds since 1970. */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('hex');
}

export function signedHeaders(secret: string, id: string, timestamp: number, body: string): SignedHeaders {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1=${webhookSignature(secret, id, timestamp, body)}` };
}

/**
 * What a receiver does (kept here, tested, and quoted in the README): true when one of the `v1=` signatures matches and the
 * timestamp is within `toleranceSeconds` of now, so a delivery captured and sent again later is refused.
 */
export function verifyWebhook(secret: string, headers: SignedHeaders, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers['webhook-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, headers['webhook-id'], timestamp, body), 'hex');
  return headers['webhook-signature'].split(' ').some((part) => {
    const given = Buffer.from(part.startsWith('v1=') ? part.slice(3) : '', 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
