import type { PublicEd25519Jwk } from './key-vault';

/**
 * did:web identifiers under the API's public URL (did:web method, W3C CCG): the platform is
 * `did:web:<host>` (its document at /.well-known/did.json), an issuing body is
 * `did:web:<host>:issuers:<unitId>` (at /issuers/<unitId>/did.json). A port is written %3A.
 */
export class DidWeb {
  private readonly base: string;
  private readonly host: string;

  constructor(publicUrl: string) {
    this.base = publicUrl.replace(/\/+$/, '');
    this.host = encodeURIComponent(new URL(this.base).host);
  }

  platform(): string {
    return `did:web:${this.host}`;
  }

  issuer(unitId: string): string {
    return `did:web:${this.host}:issuers:${unitId}`;
  }

  /** The unit of an issuer DID of this host, null for the platform's; undefined when the DID is not ours. */
  unitOf(did: string): string | null | undefined {
    if (did === this.platform()) return null;
    const prefix = `${this.issuer('')}`;
    if (!did.startsWith(prefix)) return undefined;
    const unitId = did.slice(prefix.length);
    return /^[0-9a-f-]{36}$/.test(unitId) ? unitId : undefined;
  }

  verificationMethod(did: string, keyId: string): string {
    return `${did}#${keyId}`;
  }

  /** Public URLs of what the credentials point at. */
  url(path: string): string {
    return `${this.base}${path}`;
  }
}

export interface ListedKey {
  keyId: string;
  publicJwk: PublicEd25519Jwk;
}

/** A DID document (DID Core 1.0) listing every key the DID ever signed with, so old credentials keep verifying. */
export function didDocument(did: string, keys: readonly ListedKey[], activeKeyId: string | null): Record<string, unknown> {
  const methods = keys.map((key) => ({ id: `${did}#${key.keyId}`, type: 'JsonWebKey', controller: did, publicKeyJwk: key.publicJwk }));
  const active = activeKeyId ? [`${did}#${activeKeyId}`] : [];
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
    id: did,
    verificationMethod: methods,
    // Only the active key signs new credentials; retired ones stay listed for what they signed.
    assertionMethod: methods.map((method) => method.id),
    authentication: active,
  };
}
