import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Body } from '../bodies/body.entity';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import type { RequestContext } from '../core/context';
import { NotFoundError, UserInputError } from '../core/errors';
import { Role } from '../core/roles';
import { NominationStatus } from '../emulation/emulation.enums';
import type { Nomination } from '../emulation/nominations/nomination.entity';
import { idOf } from '../graphql/global-id';
import { registerNode } from '../graphql/node-registry';
import { runMutation } from '../graphql/user-error';
import type { TitleAward } from '../titles/recognition/recognition.entity';
import { AwardStatus } from '../titles/recognition/recognition.enums';
import { TitleAwardType } from '../titles/recognition/recognition.types';
import { AwardCredential } from './award-credential.entity';
import { issuerOfBody } from './commendation-issuer';
import {
  AwardCredentialType, CredentialVerificationType, IssueCredentialInput, IssueCredentialPayload, RotateIssuerKeyInput, RotateIssuerKeyPayload,
} from './credential.types';
import type { IssuerOwner } from './did';
import type { Verification } from './verification.service';

registerNode('AwardCredential', AwardCredential, async (ctx, ids) => {
  const found = await ctx.em.find(AwardCredential, { id: { $in: ids } }, { populate: ['award', 'award.unit', 'nomination'] });
  const unique = <T extends { id: string }>(rows: (T | null)[]) => [...new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : []))).values()];
  const issuance = ctx.services.credentials.issuance;
  const visible = new Set([
    ...(await issuance.ofAwards(ctx, unique(found.map((credential) => credential.award)))),
    ...(await issuance.ofCommendations(ctx, unique(found.map((credential) => credential.nomination)))),
  ].map((credential) => credential.id));
  return ids.map((id) => (visible.has(id) ? (found.find((credential) => credential.id === id) ?? null) : null));
});

/** The credential loader per award, for `TitleAward.credentials`. */
function credentialsOfAward(ctx: RequestContext) {
  return ctx.loaders.get<TitleAward, AwardCredential[]>('awardCredential.ofAward', async (awards) => {
    const credentials = await ctx.services.credentials.issuance.ofAwards(ctx, awards);
    return awards.map((award) => credentials.filter((credential) => credential.award?.id === award.id));
  });
}

/** The issuer a rotation names: a unit's People's Committee, or a body (a People's Committee body stands for its unit). */
async function rotatedOwner(ctx: RequestContext, input: RotateIssuerKeyInput): Promise<IssuerOwner> {
  if (Boolean(input.unitId) === Boolean(input.bodyId)) throw new UserInputError('ISSUING_BODY_REQUIRED', ['unitId']);
  if (input.unitId) {
    const unit = await ctx.em.findOne(AdministrativeUnit, { id: idOf('AdministrativeUnit', input.unitId) });
    if (!unit) throw new NotFoundError('The administrative unit');
    return { unitId: unit.id, bodyId: null };
  }
  const body = await ctx.em.findOne(Body, { id: idOf('Body', input.bodyId ?? '') }, { populate: ['unit'] });
  if (!body) throw new NotFoundError('The body');
  return issuerOfBody(body).owner;
}

const revokedNomination = (nomination: Nomination) => nomination.status === NominationStatus.REVOKED;

@Resolver(() => AwardCredentialType)
export class AwardCredentialResolver {
  @Authorized()
  @Mutation(() => IssueCredentialPayload, { description: 'Issues a recognised title as an Open Badges 3.0 credential signed by the recognising body (its key made on first use); returns the one already issued with the body\'s active key. For the holder (the citizen; a member of the household, clan or organisation) and officials of the body (assessors of its unit or above, province administrators).' })
  async issueCredential(@Arg('input') input: IssueCredentialInput, @Ctx() ctx: RequestContext): Promise<IssueCredentialPayload> {
    const awardId = idOf('TitleAward', input.awardId);
    const outcome = await runMutation(ctx, (tx) => ctx.services.credentials.issuance.issue(tx, awardId));
    return { credential: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => RotateIssuerKeyPayload, { description: 'Retires the signing key of an issuing body (a unit\'s People\'s Committee, or another body) and makes a new one for the credentials issued from now on; credentials signed with the old key still verify, as its public key stays in the DID document. Province administrators.' })
  async rotateIssuerKey(@Arg('input') input: RotateIssuerKeyInput, @Ctx() ctx: RequestContext): Promise<RotateIssuerKeyPayload> {
    const outcome = await runMutation(ctx, async (tx) => {
      const owner = await rotatedOwner(tx, input);
      await ctx.services.credentials.keys.rotate(tx, owner);
      return ctx.services.credentials.issuance.issuerOf(tx, owner);
    });
    return { issuer: outcome.result, errors: outcome.errors };
  }

  @Query(() => CredentialVerificationType, { description: 'Verifies a credential issued by this platform (a VC-JWT), signed out: signature with the issuer\'s key (current or retired), validity period, revocation. Also POST /credentials/verify with { "credential": "<jwt>" }.' })
  verifyCredential(@Arg('credential', { description: 'The VC-JWT, as `AwardCredential.jwt` gives it.' }) credential: string, @Ctx() ctx: RequestContext): Promise<Verification> {
    return ctx.services.credentials.verification.verify(ctx, credential);
  }

  @FieldResolver(() => String, { description: 'The verification method (DID URL of the key) that signed it, e.g. "did:web:hoctap.example.vn:issuers:<id>#<thumbprint>".' })
  verificationMethod(@Root() credential: AwardCredential, @Ctx() ctx: RequestContext): string {
    return ctx.services.credentials.issuance.placeOf(credential).verificationMethod;
  }

  @FieldResolver(() => String, { description: 'The issuer\'s DID (did:web), whose document lists its keys.' })
  issuerDid(@Root() credential: AwardCredential, @Ctx() ctx: RequestContext): string {
    return ctx.services.credentials.issuance.placeOf(credential).issuerDid;
  }

  @FieldResolver(() => Int, { description: 'Its bit in the revocation status list (statusListIndex of its credentialStatus).' })
  statusListIndex(@Root() credential: AwardCredential, @Ctx() ctx: RequestContext): number {
    return ctx.services.credentials.issuance.placeOf(credential).statusListIndex;
  }

  @FieldResolver(() => String, { description: 'URL of the BitstringStatusListCredential holding its bit.' })
  statusListCredential(@Root() credential: AwardCredential, @Ctx() ctx: RequestContext): string {
    return ctx.services.credentials.issuance.placeOf(credential).statusListCredential;
  }

  @FieldResolver(() => Boolean, { description: 'Whether its award or commendation was revoked (its status list bit is then set).' })
  revoked(@Root() credential: AwardCredential): boolean {
    if (credential.award) return credential.award.status === AwardStatus.REVOKED;
    return credential.nomination ? revokedNomination(credential.nomination) : false;
  }

  @FieldResolver(() => String, { description: 'Public page of its verification, which the certificate\'s QR code opens: HTML in Vietnamese or English (Accept-Language), JSON with Accept: application/json.' })
  verificationUrl(@Root() credential: AwardCredential, @Ctx() ctx: RequestContext): string {
    return ctx.services.credentials.issuance.verificationUrl(credential.id);
  }

  @FieldResolver(() => String, { description: 'The printable certificate (PDF, Vietnamese, with a QR code that opens verification), through a signed link that works for an hour.' })
  certificateUrl(@Root() credential: AwardCredential, @Ctx() ctx: RequestContext): string {
    return ctx.services.credentials.issuance.certificateUrl(credential.id, ctx.now);
  }
}

@Resolver(() => TitleAwardType)
export class AwardCredentialsResolver {
  @FieldResolver(() => [AwardCredentialType], { description: 'The credentials issued for the award, newest first (a new one after each key rotation): for the holder and officials of the recognising body; empty for anyone else.' })
  credentials(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<AwardCredential[]> {
    return credentialsOfAward(ctx).load(award);
  }
}
