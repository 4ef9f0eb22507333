import { compactVerify, decodeProtectedHeader, importJWK, SignJWT, type JWTPayload } from 'jose';
import type { PrivateEd25519Jwk, PublicEd25519Jwk } from './key-vault';

/** Media type of a credential secured as a JWT (VC-JOSE-COSE). */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

/**
 * Secures a credential as a VC-JWT (W3C VC-JOSE-COSE): the claims are the credential itself, with
 * `iat`, and `exp` when it has validUntil; EdDSA over Ed25519, `kid` naming the DID's verification method.
 */
export async function signVcJwt(credential: Record<string, unknown>, privateJwk: PrivateEd25519Jwk, kid: string, issuedAt: Date, expiresAt: Date | null): Promise<string> {
  const key = await importJWK({ ...privateJwk }, 'EdDSA');
  const jwt = new SignJWT(credential as JWTPayload).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid }).setIssuedAt(Math.floor(issuedAt.getTime() / 1000));
  if (expiresAt) jwt.setExpirationTime(Math.floor(expiresAt.getTime() / 1000));
  return jwt.sign(key);
}

/** The `kid` of a compact JWS's header, or null when it is not one. */
export function vcJwtKid(jwt: string): string | null {
  try {
    const header = decodeProtectedHeader(jwt);
    return header.alg === 'EdDSA' && typeof header.kid === 'string' ? header.kid : null;
  } catch {
    return null;
  }
}

/** The credential of a VC-JWT whose signature this public key checks, or null when it does not. */
export async function verifiedVcJwt(jwt: string, publicJwk: PublicEd25519Jwk): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await compactVerify(jwt, await importJWK({ ...publicJwk }, 'EdDSA'), { algorithms: ['EdDSA'] });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
