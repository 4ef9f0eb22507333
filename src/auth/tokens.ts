import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

const ISSUER = 'lifelong-learning';

/** Short-lived signed access token; roles are not in it, they are loaded per request. */
export function signAccessToken(secret: string, accountId: string, ttlSeconds: number): string {
  return jwt.sign({ typ: 'access' }, secret, { subject: accountId, expiresIn: ttlSeconds, issuer: ISSUER, algorithm: 'HS256' });
}

/** The account id of a valid access token, or null when it is expired, forged or not an access token. */
export function verifyAccessToken(secret: string, token: string): string | null {
  try {
    const claims = jwt.verify(token, secret, { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof claims === 'string' || claims.typ !== 'access' || typeof claims.sub !== 'string') return null;
    return claims.sub;
  } catch {
    return null;
  }
}

/** 256 random bits after a prefix that tells what the secret is when one turns up in a log. */
export function newOpaqueSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** An opaque secret (refresh token, API key); only its hash is stored. */
export function newOpaqueToken(prefix = ''): { token: string; hash: string } {
  const token = newOpaqueSecret(prefix);
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
