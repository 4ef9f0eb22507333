import type { PublicEd25519Jwk } from './key-vault';

/** Who signs: a unit's People's Committee (unitId), another body (bodyId), or with both null the platform. */
export interface IssuerOwner {
  unitId: string | null;
  bodyId: string | null;
}

export const PLATFORM: IssuerOwner = { unitId: null, bodyId: null };

const UUID = /^[0-9a-f-]{36}$/;

/**
 * did:web identifiers under the API's public URL (did:web method, W3C CCG): the platform is
 * `did:web:<host>` (its document at /.well-known/did.json), a unit's People's Committee is
 * `did:web:<host>:issuers:<unitId>` (at /issuers/<unitId>/did.json), another body
 * `did:web:<host>:issuers:bodies:<bodyId>` (at /issuers/bodies/<bodyId>/did.json). A port is written %3A.
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

  issuer(owner: IssuerOwner): string {
    if (owner.bodyId) return `did:web:${this.host}:issuers:bodies:${owner.bodyId}`;
    return owner.unitId ? `did:web:${this.host}:issuers:${owner.unitId}` : this.platform();
  }

  /** Who an issuer DID of this host names; undefined when the DID is not ours. */
  ownerOf(did: string): IssuerOwner | undefined {
    if (did === this.platform()) return PLATFORM;
    const prefix = `did:web:${this.host}:issuers:`;
    if (!did.startsWith(prefix)) return undefined;
    const rest = did.slice(prefix.length);
    const bodyId = rest.startsWith('bodies:') ? rest.slice('bodies:'.length) : null;
    if (bodyId !== null) return UUID.test(bodyId) ? { unitId: null, bodyId } : undefined;
    return UUID.test(rest) ? { unitId: rest, bodyId: null } : undefined;
  }

  /** Where an issuer's DID document is served. */
  documentUrl(owner: IssuerOwner): string {
    if (owner.bodyId) return this.url(`/issuers/bodies/${owner.bodyId}/did.json`);
    return this.url(owner.unitId ? `/issuers/${owner.unitId}/did.json` : '/.well-known/did.json');
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
