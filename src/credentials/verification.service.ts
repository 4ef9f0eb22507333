import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { CredentialProblem } from './credential.enums';
import { revokedBits, statusListVersion } from './credential.repository';
import { didDocument, PLATFORM, type DidWeb, type IssuerOwner } from './did';
import type { IssuerKeyService } from './issuer-keys.service';
import { encodeStatusList, statusBit, statusListCredential } from './status-list';
import { signVcJwt, vcJwtKid, verifiedVcJwt } from './vc-jwt';

/** What a verifier learns of a credential. Content is reported only when the signature holds. */
export interface Verification {
  valid: boolean;
  problems: CredentialProblem[];
  credentialId: string | null;
  issuerDid: string | null;
  issuerName: string | null;
  verificationMethod: string | null;
  achievementName: string | null;
  validFrom: string | null;
  validUntil: string | null;
  statusListIndex: number | null;
  statusListCredential: string | null;
}

type Json = Record<string, unknown>;
const objectOf = (value: unknown): Json | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const stringOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const refused = (problem: CredentialProblem, verificationMethod: string | null = null): Verification => ({
  valid: false,
  problems: [problem],
  credentialId: null,
  issuerDid: null,
  issuerName: null,
  verificationMethod,
  achievementName: null,
  validFrom: null,
  validUntil: null,
  statusListIndex: null,
  statusListCredential: null,
});

/** A list's bits and its signed credential, as they were at a version. */
interface SignedList {
  version: number;
  encodedList: string;
  jwt: string | null;
}

/** DID documents, status lists and verification: everything public about credentials. */
export class VerificationService {
  /**
   * Status lists by number, each under the version of its bits: a list is read and signed again
   * only after a revocation bumped its version (any process's; the version is in the database).
   */
  private readonly lists = new Map<number, SignedList>();

  constructor(
    private readonly keys: IssuerKeyService,
    private readonly did: DidWeb,
  ) {
    // A rotation of the platform's key must not leave lists signed by the retired one in use.
    keys.onRotation(() => this.lists.clear());
  }

  /** The DID document of the platform or of an issuing body; null for a body that never issued. */
  async didDocumentOf(em: EntityManager, owner: IssuerOwner): Promise<Json | null> {
    const platform = !owner.unitId && !owner.bodyId;
    // The platform's key signs the status lists, so its document always has one.
    if (platform) await this.keys.activeKey(em, PLATFORM);
    const listed = await this.keys.keysOf(em, owner);
    if (!listed.length) return null;
    return didDocument(this.did.issuer(owner), listed, listed.find((key) => key.retiredAt === null)?.keyId ?? null);
  }

  /** The version of a list's bits: what its ETag names and its cache is kept under. */
  listVersion(em: EntityManager, list: number): Promise<number> {
    return statusListVersion(em, list);
  }

  /**
   * A status list as a BitstringStatusListCredential, secured as a VC-JWT by the platform's key,
   * signed once per version of its bits. The version is read by the caller before the bits, so bits
   * newer than it can be cached under it (and read again at the next version), never older ones.
   */
  async statusListJwt(em: EntityManager, list: number, version: number, url: string, now: Date): Promise<string> {
    const signed = await this.listAt(em, list, version);
    if (signed.jwt) return signed.jwt;
    const key = await this.keys.activeKey(em, PLATFORM);
    const platform = this.did.platform();
    const credential = statusListCredential(url, platform, signed.encodedList, now);
    signed.jwt = await signVcJwt(credential, await this.keys.privateKeyOf(em, key), this.did.verificationMethod(platform, key.keyId), now, null);
    return signed.jwt;
  }

  private async listAt(em: EntityManager, list: number, version: number): Promise<SignedList> {
    const cached = this.lists.get(list);
    if (cached?.version === version) return cached;
    const fresh: SignedList = { version, encodedList: encodeStatusList(await revokedBits(em, list)), jwt: null };
    this.lists.set(list, fresh);
    return fresh;
  }

  /**
   * Verifies a VC-JWT issued here: the key its kid names (a body's, current or retired), the
   * signature, that the key belongs to the issuer the credential names, its validity period, and
   * its bit in the status list. Reads only; never throws on bad input.
   */
  async verify(ctx: RequestContext, jwt: string): Promise<Verification> {
    const kid = vcJwtKid(jwt.trim());
    if (!kid) return refused(CredentialProblem.MALFORMED);
    const [did, keyId] = kid.split('#') as [string, string | undefined];
    const owner = this.did.ownerOf(did);
    const issuing = owner && (owner.unitId || owner.bodyId) ? owner : null;
    const key = keyId && issuing ? await this.keys.findByKeyId(ctx.em, keyId) : null;
    if (!key || !issuing || (key.unit?.id ?? null) !== issuing.unitId || (key.body?.id ?? null) !== issuing.bodyId) return refused(CredentialProblem.UNKNOWN_ISSUER_KEY, kid);
    const credential = await verifiedVcJwt(jwt.trim(), key.publicJwk);
    if (!credential) return refused(CredentialProblem.SIGNATURE_INVALID, kid);
    const issuer = objectOf(credential.issuer);
    if (stringOf(issuer?.id) !== did) return refused(CredentialProblem.UNKNOWN_ISSUER_KEY, kid);
    const status = objectOf(credential.credentialStatus);
    const index = Number(stringOf(status?.statusListIndex));
    const listUrl = stringOf(status?.statusListCredential);
    const list = listUrl?.match(/\/credentials\/status\/(\d+)$/)?.[1];
    if (!Number.isInteger(index) || index < 0 || list === undefined) return refused(CredentialProblem.MALFORMED, kid);
    const problems: CredentialProblem[] = [];
    const validFrom = stringOf(credential.validFrom);
    const validUntil = stringOf(credential.validUntil);
    if (validFrom && new Date(validFrom) > ctx.now) problems.push(CredentialProblem.NOT_YET_VALID);
    if (validUntil && new Date(validUntil) < ctx.now) problems.push(CredentialProblem.EXPIRED);
    const listNumber = Number(list);
    const signed = await this.listAt(ctx.em, listNumber, await statusListVersion(ctx.em, listNumber));
    if (statusBit(signed.encodedList, index)) problems.push(CredentialProblem.REVOKED);
    const achievement = objectOf(objectOf(credential.credentialSubject)?.achievement);
    return {
      valid: problems.length === 0,
      problems,
      credentialId: stringOf(credential.id),
      issuerDid: did,
      issuerName: stringOf(issuer?.name),
      verificationMethod: kid,
      achievementName: stringOf(credential.name) ?? stringOf(achievement?.name),
      validFrom,
      validUntil,
      statusListIndex: index,
      statusListCredential: listUrl,
    };
  }
}
