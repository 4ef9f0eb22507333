import { createCipheriv, createDecipheriv, createHash, createHmac, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** The public half of an Ed25519 key as a JWK (RFC 8037): what DID documents list. */
export interface PublicEd25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** The private JWK adds `d`; it exists only inside the vault and the signer. */
export interface PrivateEd25519Jwk extends PublicEd25519Jwk {
  d: string;
}

export interface NewKeyPair {
  keyId: string;
  publicJwk: PublicEd25519Jwk;
  encryptedPrivateKey: string;
}

const VERSION = 'v1';

/** The JWK thumbprint of RFC 7638: SHA-256 of the required members in lexical order. */
export function jwkThumbprint(jwk: PublicEd25519Jwk): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

/**
 * Keeps the issuing bodies' private keys encrypted at rest (AES-256-GCM, a fresh IV per key), under a
 * key derived from CREDENTIAL_KEY_SECRET, and signs the short-lived links to certificates.
 */
export class KeyVault {
  private readonly encryptionKey: Buffer;
  private readonly linkKey: Buffer;

  constructor(secret: string) {
    this.encryptionKey = createHash('sha256').update(`credential-keys:${secret}`).digest();
    this.linkKey = createHash('sha256').update(`certificate-links:${secret}`).digest();
  }

  /** A new Ed25519 key pair, the private half already encrypted. */
  generate(): NewKeyPair {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicJwk = publicKey.export({ format: 'jwk' }) as PublicEd25519Jwk;
    const privateJwk = privateKey.export({ format: 'jwk' }) as PrivateEd25519Jwk;
    const clean: PublicEd25519Jwk = { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x };
    return { keyId: jwkThumbprint(clean), publicJwk: clean, encryptedPrivateKey: this.encrypt(JSON.stringify(privateJwk)) };
  }

  decryptPrivateKey(sealed: string): PrivateEd25519Jwk {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || !data) throw new Error('unreadable sealed signing key');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as PrivateEd25519Jwk;
  }

  /** The signature of a certificate link for a credential until `expires` (seconds since the epoch). */
  linkSignature(credentialId: string, expires: number): string {
    return createHmac('sha256', this.linkKey).update(`${credentialId}:${expires}`).digest('base64url');
  }

  linkValid(credentialId: string, expires: number, signature: string, now: Date): boolean {
    if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) return false;
    const expected = Buffer.from(this.linkSignature(credentialId, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }
}
