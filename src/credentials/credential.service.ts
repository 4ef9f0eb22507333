import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { Account } from '../auth/account.entity';
import { governsUnit } from '../core/actor';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { labelOf } from '../core/labels';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { Nomination } from '../emulation/nominations/nomination.entity';
import { NominationStatus } from '../emulation/emulation.enums';
import { indicatorTexts, loadCriteria } from '../titles/engine/criteria';
import { TitleAward } from '../titles/recognition/recognition.entity';
import { AwardStatus } from '../titles/recognition/recognition.enums';
import { findUnitInfo } from '../titles/recognition/recognition.repository';
import { resolveSubjects } from '../titles/subject-units';
import { AwardCredential } from './award-credential.entity';
import { commendationIssuer, commendationReaders, type CredentialIssuer } from './commendation-issuer';
import { nextStatusIndex, subjectName } from './credential.repository';
import type { DidWeb, IssuerOwner } from './did';
import type { IssuerKeyService } from './issuer-keys.service';
import type { KeyVault } from './key-vault';
import { commendationAchievement, openBadgeCredential, titleAchievement, type BadgeFacts } from './open-badge';
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

/** What the platform records of a credential: what its certificate prints and its verification page shows. */
export interface CredentialRecord {
  credential: AwardCredential;
  issuerName: string;
  holderName: string;
  /** What it certifies, e.g. "Công dân học tập năm 2025", "Giấy khen". */
  achievement: { vi: string; en: string };
  /** A title is recognised ("đạt danh hiệu"), a commendation given ("được tặng"). */
  kind: 'TITLE' | 'COMMENDATION';
  decisionNumber: string;
  /** YYYY-MM-DD. */
  decisionDate: string;
  /** YYYY-MM-DD; null for a commendation, which does not expire. */
  validUntil: string | null;
  revoked: boolean;
  verificationUrl: string;
}

/** What differs between issuing a title award and a commendation; `sign` does the rest. */
interface Issuance {
  subject: { award: TitleAward } | { nomination: Nomination };
  issuer: CredentialIssuer;
  validFrom: Date;
  validUntil: Date | null;
  /** The credential's content, read only when a new credential is signed. */
  describe: () => Promise<Pick<BadgeFacts, 'name' | 'achievement' | 'holder' | 'decision'>>;
}

const ownerOfCredential = (credential: AwardCredential): IssuerOwner => ({ unitId: credential.issuerUnit?.id ?? null, bodyId: credential.issuerBody?.id ?? null });

/** Issuing title awards and commendations as Open Badges 3.0 credentials, and reading them, for the holder and the officials of the issuing body. */
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
    return this.sign(ctx, {
      subject: { award },
      issuer: { owner: { unitId: issuerUnit.id, bodyId: null }, unit: issuerUnit, body: null, name: award.issuer, decisionIssuer: award.issuer },
      validFrom: startOfDayInVietnam(award.decisionDate),
      validUntil: endOfDayInVietnam(award.validUntil),
      describe: () => this.awardContent(ctx, award),
    });
  }

  /**
   * Transactional, idempotent per commendation and signing key, like `issue`: a decided commendation
   * signed by the body that gave it (a Chairman's certificate by the province's People's Committee,
   * a Giấy khen by the body that proposed and decided it). Forms decided by the Prime Minister or a
   * ministry get COMMENDATION_DECIDED_ELSEWHERE, a revoked commendation COMMENDATION_REVOKED. For
   * the holder and whoever reads the nomination (the proposing body's officers, the Departments,
   * province admins).
   */
  async issueCommendation(ctx: RequestContext, nominationId: string): Promise<AwardCredential> {
    const nomination = await ctx.em.findOne(Nomination, { id: nominationId }, { populate: ['form', 'round', 'proposer', 'proposer.unit', 'nomineeUnit'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!nomination || !(await commendationReaders(ctx, [nomination])).has(nomination.id)) throw new NotFoundError('The commendation');
    const issuer = await commendationIssuer(ctx.em, nomination, ['nominationId']);
    if (nomination.status === NominationStatus.REVOKED) throw new UserInputError('COMMENDATION_REVOKED', ['nominationId']);
    if (nomination.status !== NominationStatus.DECIDED || !nomination.decisionNumber || !nomination.decisionDate) throw new UserInputError('WRONG_STATUS', ['nominationId']);
    const { decisionNumber, decisionDate, form, round } = nomination;
    return this.sign(ctx, {
      subject: { nomination },
      issuer,
      validFrom: startOfDayInVietnam(decisionDate),
      validUntil: null,
      describe: async () => ({
        name: form.nameVi,
        achievement: commendationAchievement({
          id: this.did.url(`/achievements/commendations/${form.code}/${round.kind}-${round.fromYear}-${round.toYear}`),
          formName: form.nameVi,
          formCode: form.code,
          roundName: labelOf('CommendationRoundKind', round.kind, 'vi'),
          achievements: nomination.achievements,
        }),
        holder: { name: nomination.nomineeName, salt: randomBytes(16).toString('hex') },
        decision: { number: decisionNumber, date: decisionDate, issuer: issuer.decisionIssuer, genre: 'Quyết định khen thưởng' },
      }),
    });
  }

  /**
   * The credentials of awards (newest first per award), for awards the viewer holds or officiates; none
   * for the others. One statement for the credentials and at most one for the holders, however many awards.
   */
  async ofAwards(ctx: RequestContext, awards: readonly TitleAward[]): Promise<AwardCredential[]> {
    const actor = ctx.actor;
    if (!awards.length || !actor) return [];
    const credentials = await ctx.em.find(AwardCredential, { award: { $in: awards.map((award) => award.id) } }, { populate: ['key', 'issuerUnit', 'award'], orderBy: { issuedAt: 'desc', id: 'asc' } });
    const issuerUnits = new Map(credentials.flatMap((credential) => (credential.award && credential.issuerUnit ? [[credential.award.id, credential.issuerUnit] as const] : [])));
    const allowed = new Set<string>();
    const others: TitleAward[] = [];
    for (const award of awards) {
      const unit = issuerUnits.get(award.id);
      if (unit && governsUnit(actor, unit.path)) allowed.add(award.id);
      else if (unit) others.push(award);
    }
    const subjects = others.length ? await resolveSubjects(ctx.em, others.map((award) => ({ kind: award.subjectKind, id: award.subjectId }))) : [];
    others.forEach((award, index) => {
      if (subjects[index]?.readerAccountIds.includes(actor.accountId)) allowed.add(award.id);
    });
    return credentials.filter((credential) => credential.award && allowed.has(credential.award.id));
  }

  /** The credentials of commendations (newest first per nomination), for the holder and the nomination's readers; none for the others. */
  async ofCommendations(ctx: RequestContext, nominations: readonly Nomination[]): Promise<AwardCredential[]> {
    if (!nominations.length || !ctx.actor) return [];
    const allowed = await commendationReaders(ctx, nominations);
    if (!allowed.size) return [];
    return ctx.em.find(AwardCredential, { nomination: { $in: [...allowed] } }, { populate: ['key', 'issuerUnit', 'issuerBody', 'nomination'], orderBy: { issuedAt: 'desc', id: 'asc' } });
  }

  /** A credential with what the platform records of it, for whoever holds its id or a signed link (the caller decides). */
  async record(ctx: RequestContext, credentialId: string): Promise<CredentialRecord | null> {
    const credential = await ctx.em.findOne(AwardCredential, { id: credentialId }, { populate: ['award', 'award.unit', 'nomination', 'nomination.form', 'nomination.proposer', 'nomination.nomineeUnit', 'issuerUnit', 'issuerBody', 'key'] });
    if (!credential) return null;
    const base = { credential, verificationUrl: this.verificationUrl(credential.id) };
    const { award, nomination } = credential;
    if (award) {
      const title = (locale: 'vi' | 'en') => `${labelOf('TitleKind', award.titleKind, locale)} ${locale === 'vi' ? 'năm ' : ''}${award.year}`;
      return {
        ...base,
        kind: 'TITLE',
        issuerName: award.issuer,
        holderName: await subjectName(ctx.em, award.subjectKind, award.subjectId),
        achievement: { vi: title('vi'), en: title('en') },
        decisionNumber: award.decisionNumber,
        decisionDate: award.decisionDate,
        validUntil: award.validUntil,
        revoked: award.status === AwardStatus.REVOKED,
      };
    }
    if (!nomination) throw new Error('a credential certifies neither an award nor a commendation');
    const issuer = await commendationIssuer(ctx.em, nomination, ['id']);
    return {
      ...base,
      kind: 'COMMENDATION',
      issuerName: issuer.name,
      holderName: nomination.nomineeName,
      achievement: { vi: nomination.form.nameVi, en: nomination.form.nameEn },
      decisionNumber: nomination.decisionNumber ?? '',
      decisionDate: nomination.decisionDate ?? '',
      validUntil: null,
      revoked: nomination.status === NominationStatus.REVOKED,
    };
  }

  /** Where a credential points: its key, its issuer and its bit. */
  placeOf(credential: AwardCredential): CredentialPlace {
    const issuerDid = this.did.issuer(ownerOfCredential(credential));
    const position = statusPositionOf(credential.statusIndex);
    return {
      issuerDid,
      verificationMethod: this.did.verificationMethod(issuerDid, credential.key.keyId),
      statusListIndex: position.bit,
      statusListCredential: this.statusListUrl(position.list),
    };
  }

  /** An issuer's DID and keys (public halves only), as its DID document lists them. */
  async issuerOf(ctx: RequestContext, owner: IssuerOwner): Promise<IssuerView> {
    const did = this.did.issuer(owner);
    const keys = await this.keys.keysOf(ctx.em, owner);
    return {
      did,
      didDocumentUrl: this.did.documentUrl(owner),
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

  /** The one issuing path of awards and commendations: the issuer's active key, the existing credential or a new bit, the VC-JWT. */
  private async sign(ctx: RequestContext, issuance: Issuance): Promise<AwardCredential> {
    const { issuer, validFrom, validUntil } = issuance;
    const key = await this.keys.activeKey(ctx.em, issuer.owner);
    const existing = await ctx.em.findOne(AwardCredential, { ...issuance.subject, key });
    if (existing) return existing;
    const index = await nextStatusIndex(ctx.em);
    const credential = ctx.em.create(AwardCredential, {
      ...issuance.subject,
      issuerUnit: issuer.unit,
      issuerBody: issuer.body,
      key,
      statusIndex: index,
      jwt: '',
      validFrom,
      validUntil,
      issuedAt: ctx.now,
      issuedBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
    const issuerDid = this.did.issuer(issuer.owner);
    const position = statusPositionOf(index);
    const unsigned = openBadgeCredential({
      ...(await issuance.describe()),
      credentialId: credential.id,
      issuer: { did: issuerDid, name: issuer.name },
      validFrom,
      validUntil,
      status: { url: this.statusListUrl(position.list), index: position.bit },
    });
    credential.jwt = await signVcJwt(unsigned, await this.keys.privateKeyOf(ctx.em, key), this.did.verificationMethod(issuerDid, key.keyId), ctx.now, validUntil);
    await ctx.em.flush();
    return credential;
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

  private async awardContent(ctx: RequestContext, award: TitleAward): Promise<Pick<BadgeFacts, 'name' | 'achievement' | 'holder' | 'decision'>> {
    const criteria = await loadCriteria(ctx.em, award.ruleset.id, award.titleKind, award.unitLevel);
    const texts = criteria ? indicatorTexts(criteria) : [];
    const rulesetCode = award.ruleset.code;
    const titleName = labelOf('TitleKind', award.titleKind, 'vi');
    return {
      name: `${titleName} năm ${award.year}`,
      achievement: titleAchievement({
        id: this.did.url(`/achievements/${award.titleKind}/${encodeURIComponent(rulesetCode)}-v${award.ruleset.version}`),
        titleName,
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
      }),
      holder: { name: await subjectName(ctx.em, award.subjectKind, award.subjectId), salt: randomBytes(16).toString('hex') },
      decision: { number: award.decisionNumber, date: award.decisionDate, issuer: award.issuer, genre: 'Quyết định công nhận' },
    };
  }
}
