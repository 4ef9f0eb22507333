import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { CredentialProblem } from './credential.enums';
import { revokedBits } from './credential.repository';
import { didDocument, type DidWeb } from './did';
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

/** DID documents, status lists and verification: everything public about credentials. */
export class VerificationService {
  constructor(
    private readonly keys: IssuerKeyService,
    private readonly did: DidWeb,
  ) {}

  /** The DID document of the platform (unit null) or of an issuing body; null for a body that never issued. */
  async didDocumentOf(em: EntityManager, unitId: string | null): Promise<Json | null> {
    // The platform's key signs the status lists, so its document always has one.
    if (unitId === null) await this.keys.activeKey(em, null);
    const listed = await this.keys.keysOf(em, unitId);
    if (!listed.length) return null;
    const did = unitId === null ? this.did.platform() : this.did.issuer(unitId);
    return didDocument(did, listed, listed.find((key) => key.retiredAt === null)?.keyId ?? null);
  }

  /** The encoded bitstring of a list: its revoked credentials' bits set. */
  async encodedList(em: EntityManager, list: number): Promise<string> {
    return encodeStatusList(await revokedBits(em, list));
  }

  /** A status list as a BitstringStatusListCredential, secured as a VC-JWT by the platform's key. */
  async statusListJwt(em: EntityManager, list: number, url: string, now: Date): Promise<string> {
    const key = await this.keys.activeKey(em, null);
    const platform = this.did.platform();
    const credential = statusListCredential(url, platform, await this.encodedList(em, list), now);
    return signVcJwt(credential, await this.keys.privateKeyOf(em, key), this.did.verificationMethod(platform, key.keyId), now, null);
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
    const unitId = this.did.unitOf(did);
    const key = keyId && unitId ? await this.keys.findByKeyId(ctx.em, keyId) : null;
    if (!key || key.unit?.id !== unitId) return refused(CredentialProblem.UNKNOWN_ISSUER_KEY, kid);
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
    if (statusBit(await this.encodedList(ctx.em, Number(list)), index)) problems.push(CredentialProblem.REVOKED);
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
