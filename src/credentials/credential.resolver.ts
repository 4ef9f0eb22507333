import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { Role } from '../core/roles';
import { idOf } from '../graphql/global-id';
import { registerNode } from '../graphql/node-registry';
import { runMutation } from '../graphql/user-error';
import type { TitleAward } from '../titles/recognition/recognition.entity';
import { AwardStatus } from '../titles/recognition/recognition.enums';
import { TitleAwardType } from '../titles/recognition/recognition.types';
import { AwardCredential } from './award-credential.entity';
import {
  AwardCredentialType, CredentialVerificationType, IssueCredentialInput, IssueCredentialPayload, RotateIssuerKeyInput, RotateIssuerKeyPayload,
} from './credential.types';
import type { Verification } from './verification.service';

registerNode('AwardCredential', AwardCredential, async (ctx, ids) => {
  const found = await ctx.em.find(AwardCredential, { id: { $in: ids } }, { populate: ['award', 'award.unit'] });
  const awards = [...new Map(found.map((credential) => [credential.award.id, credential.award])).values()];
  const visible = new Set((await ctx.services.credentials.issuance.ofAwards(ctx, awards)).map((credential) => credential.id));
  return ids.map((id) => (visible.has(id) ? (found.find((credential) => credential.id === id) ?? null) : null));
});

/** The credential loader per award, for `TitleAward.credentials`. */
function credentialsOfAward(ctx: RequestContext) {
  return ctx.loaders.get<TitleAward, AwardCredential[]>('awardCredential.ofAward', async (awards) => {
    const credentials = await ctx.services.credentials.issuance.ofAwards(ctx, awards);
    return awards.map((award) => credentials.filter((credential) => credential.award.id === award.id));
  });
}

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
  @Mutation(() => RotateIssuerKeyPayload, { description: 'Retires the signing key of a unit\'s issuing body and makes a new one for the credentials issued from now on; credentials signed with the old key still verify, as its public key stays in the DID document. Province administrators.' })
  async rotateIssuerKey(@Arg('input') input: RotateIssuerKeyInput, @Ctx() ctx: RequestContext): Promise<RotateIssuerKeyPayload> {
    const unitId = idOf('AdministrativeUnit', input.unitId);
    const outcome = await runMutation(ctx, async (tx) => {
      await ctx.services.credentials.keys.rotate(tx, unitId);
      return ctx.services.credentials.issuance.issuerOf(tx, unitId);
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

  @FieldResolver(() => Boolean, { description: 'Whether its award was revoked (its status list bit is then set).' })
  revoked(@Root() credential: AwardCredential): boolean {
    return credential.award.status === AwardStatus.REVOKED;
  }

  @FieldResolver(() => String, { description: 'Public page of its verification, which the certificate\'s QR code opens.' })
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
