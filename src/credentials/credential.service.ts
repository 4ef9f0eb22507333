import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { Account } from '../auth/account.entity';
import { governsUnit } from '../core/actor';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { labelOf } from '../core/labels';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { indicatorTexts, loadCriteria } from '../titles/engine/criteria';
import { TitleAward } from '../titles/recognition/recognition.entity';
import { AwardStatus } from '../titles/recognition/recognition.enums';
import { findUnitInfo } from '../titles/recognition/recognition.repository';
import { resolveSubjects } from '../titles/subject-units';
import { AwardCredential } from './award-credential.entity';
import { nextStatusIndex, subjectName } from './credential.repository';
import type { DidWeb } from './did';
import type { IssuerKeyService } from './issuer-keys.service';
import type { KeyVault } from './key-vault';
import { openBadgeCredential, type BadgeFacts } from './open-badge';
import { statusPositionOf } from './status-list';
import { signVcJwt } from './vc-jwt';

/** Vietnam has no daylight saving: a day there runs from 00:00 to 24:00 at +07:00. */
const startOfDayInVietnam = (day: string) => new Date(`${day}T00:00:00+07:00`);
const endOfDayInVietnam = (day: string) => new Date(`${day}T23:59:59+07:00`);

/** How long a certificate link works: long enough to open or share it, short enough that a leaked one dies soon. */
export const CERTIFICATE_LINK_SECONDS = 3600;

export interface CredentialPlace {
  issuerDid: string;
  verificationMethod: string;
  statusListIndex: number;
  statusListCredential: string;
}

export interface IssuerView {
  did: string;
  didDocumentUrl: string;
  keys: { verificationMethod: string; createdAt: Date; retiredAt: Date | null }[];
}

/** What a certificate prints. */
export interface CertificateFacts {
  credential: AwardCredential;
  award: TitleAward;
  holderName: string;
  titleName: string;
  verificationUrl: string;
}

/** Issuing awards as Open Badges 3.0 credentials, and reading them, for the holder and the officials of the issuing body. */
export class CredentialService {
  constructor(
    private readonly keys: IssuerKeyService,
    private readonly did: DidWeb,
    private readonly vault: KeyVault,
  ) {}

  /**
   * Transactional, idempotent per award and signing key: the award's credential signed with its
   * body's active key, issued now when there is none yet (after a rotation, a new one). The holder
   * (the citizen, a member of the group) and officials of the recognising body (assessors of its unit
   * or above, province admins) may issue; a revoked award gets AWARD_REVOKED.
   */
  async issue(ctx: RequestContext, awardId: string): Promise<AwardCredential> {
    const award = await ctx.em.findOne(TitleAward, { id: awardId }, { populate: ['unit', 'ruleset'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!award) throw new NotFoundError('The title award');
    const issuerUnit = await this.issuerUnitOf(ctx, award);
    if (!(await this.mayHold(ctx, [award], issuerUnit)).has(award.id)) throw new ForbiddenError('Only the holder of the award and officials of the body that recognised it issue its credential');
    if (award.status === AwardStatus.REVOKED) throw new UserInputError('AWARD_REVOKED', ['awardId']);
    const key = await this.keys.activeKey(ctx.em, issuerUnit.id);
    const existing = await ctx.em.findOne(AwardCredential, { award, key });
    if (existing) return existing;
    const index = await nextStatusIndex(ctx.em);
    const credential = ctx.em.create(AwardCredential, {
      award,
      issuerUnit,
      key,
      statusIndex: index,
      jwt: '',
      validFrom: startOfDayInVietnam(award.decisionDate),
      validUntil: endOfDayInVietnam(award.validUntil),
      issuedAt: ctx.now,
      issuedBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
    const issuerDid = this.did.issuer(issuerUnit.id);
    const unsigned = openBadgeCredential(await this.facts(ctx, award, credential, issuerDid));
    credential.jwt = await signVcJwt(unsigned, await this.keys.privateKeyOf(ctx.em, key), this.did.verificationMethod(issuerDid, key.keyId), ctx.now, credential.validUntil);
    await ctx.em.flush();
    return credential;
  }

  /** The credentials of awards (newest first per award), for awards the viewer holds or officiates; none for the others. */
  async ofAwards(ctx: RequestContext, awards: readonly TitleAward[]): Promise<AwardCredential[]> {
    if (!awards.length || !ctx.actor) return [];
    const credentials = await ctx.em.find(AwardCredential, { award: { $in: awards.map((award) => award.id) } }, { populate: ['key', 'issuerUnit', 'award'], orderBy: { issuedAt: 'desc', id: 'asc' } });
    const allowed = new Set<string>();
    for (const award of awards) {
      const unit = credentials.find((credential) => credential.award.id === award.id)?.issuerUnit;
      if (unit && (await this.mayHold(ctx, [award], unit)).has(award.id)) allowed.add(award.id);
    }
    return credentials.filter((credential) => allowed.has(credential.award.id));
  }

  /** A credential with what its certificate prints, for whoever holds a signed link to it (the caller checks the link). */
  async certificate(ctx: RequestContext, credentialId: string): Promise<CertificateFacts | null> {
    const credential = await ctx.em.findOne(AwardCredential, { id: credentialId }, { populate: ['award', 'award.unit', 'issuerUnit', 'key'] });
    if (!credential) return null;
    const { award } = credential;
    return {
      credential,
      award,
      holderName: await subjectName(ctx.em, award.subjectKind, award.subjectId),
      titleName: labelOf('TitleKind', award.titleKind, 'vi'),
      verificationUrl: this.verificationUrl(credential.id),
    };
  }

  /** Where a credential points: its key, its issuer and its bit. */
  placeOf(credential: AwardCredential): CredentialPlace {
    const issuerDid = this.did.issuer(credential.issuerUnit.id);
    const position = statusPositionOf(credential.statusIndex);
    return {
      issuerDid,
      verificationMethod: this.did.verificationMethod(issuerDid, credential.key.keyId),
      statusListIndex: position.bit,
      statusListCredential: this.statusListUrl(position.list),
    };
  }

  /** An issuing body's DID and keys (public halves only), as its DID document lists them. */
  async issuerOf(ctx: RequestContext, unitId: string): Promise<IssuerView> {
    const did = this.did.issuer(unitId);
    const keys = await this.keys.keysOf(ctx.em, unitId);
    return {
      did,
      didDocumentUrl: this.did.url(`/issuers/${unitId}/did.json`),
      keys: keys.map((key) => ({ verificationMethod: this.did.verificationMethod(did, key.keyId), createdAt: key.createdAt, retiredAt: key.retiredAt })),
    };
  }

  /** A link to the certificate PDF that works for CERTIFICATE_LINK_SECONDS: the route checks its signature, not a token. */
  certificateUrl(credentialId: string, now: Date): string {
    const expires = Math.floor(now.getTime() / 1000) + CERTIFICATE_LINK_SECONDS;
    return this.did.url(`/credentials/${credentialId}/certificate.pdf?expires=${expires}&signature=${this.vault.linkSignature(credentialId, expires)}`);
  }

  verificationUrl(credentialId: string): string {
    return this.did.url(`/credentials/${credentialId}/verification`);
  }

  statusListUrl(list: number): string {
    return this.did.url(`/credentials/status/${list}`);
  }

  /**
   * The body that recognised the award: the unit of the decision's level containing the subject's
   * unit (a commune's People's Committee for a Learning Citizen), else the province at the top of the path.
   */
  private async issuerUnitOf(ctx: RequestContext, award: TitleAward): Promise<AdministrativeUnit> {
    const pathIds = award.unit.path.split('/').filter(Boolean);
    const units = await findUnitInfo(ctx.em, pathIds);
    const chosen = pathIds.find((id) => units.get(id)?.level === (award.decisionLevel as string)) ?? pathIds[0] ?? award.unit.id;
    return ctx.em.findOneOrFail(AdministrativeUnit, { id: chosen });
  }

  /** The awards the viewer holds (the citizen, a current member of the group) or officiates for the issuing unit. */
  private async mayHold(ctx: RequestContext, awards: readonly TitleAward[], issuerUnit: AdministrativeUnit): Promise<Set<string>> {
    const actor = ctx.actor;
    if (!actor) return new Set();
    if (governsUnit(actor, issuerUnit.path)) return new Set(awards.map((award) => award.id));
    const subjects = await resolveSubjects(ctx.em, awards.map((award) => ({ kind: award.subjectKind, id: award.subjectId })));
    return new Set(awards.filter((_award, index) => subjects[index]?.readerAccountIds.includes(actor.accountId)).map((award) => award.id));
  }

  private async facts(ctx: RequestContext, award: TitleAward, credential: AwardCredential, issuerDid: string): Promise<BadgeFacts> {
    const criteria = await loadCriteria(ctx.em, award.ruleset.id, award.titleKind, award.unitLevel);
    const texts = criteria ? indicatorTexts(criteria) : [];
    const position = statusPositionOf(credential.statusIndex);
    const rulesetCode = award.ruleset.code;
    return {
      credentialId: credential.id,
      issuer: { did: issuerDid, name: award.issuer },
      achievement: {
        id: this.did.url(`/achievements/${award.titleKind}/${encodeURIComponent(rulesetCode)}-v${award.ruleset.version}`),
        titleName: labelOf('TitleKind', award.titleKind, 'vi'),
        titleKind: award.titleKind,
        year: award.year,
        rulesetCode,
        rulesetVersion: award.ruleset.version,
        total: award.total,
        threshold: award.threshold,
        scores: award.indicators.map((score) => {
          const text = texts.find((indicator) => indicator.code === score.code);
          return { code: score.code, label: text?.labelVi ?? score.code, score: score.score, maxScore: text ? text.maxScore : null };
        }),
      },
      holder: { name: await subjectName(ctx.em, award.subjectKind, award.subjectId), salt: randomBytes(16).toString('hex') },
      decision: { number: award.decisionNumber, date: award.decisionDate, issuer: award.issuer },
      validFrom: credential.validFrom,
      validUntil: credential.validUntil,
      status: { url: this.statusListUrl(position.list), index: position.bit },
    };
  }
}
