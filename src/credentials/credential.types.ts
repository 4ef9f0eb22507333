import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/relay';
import { UserError } from '../graphql/user-error';
import { CredentialProblem } from './credential.enums';

@ObjectType('AwardCredential', {
  simpleResolvers: true,
  implements: Node,
  description: 'A recognised title or a decided commendation issued as an Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credential 2.0), signed by the recognising or commending body as a VC-JWT (EdDSA, Ed25519). For the holder and the officials of that body.',
})
export class AwardCredentialType extends Node {
  @Field({ description: 'The credential as a VC-JWT (media type application/vc+jwt): give it to anyone who checks it with `verifyCredential` or POST /credentials/verify, or with any VC-JWT verifier and the issuer\'s did:web document.' })
  jwt!: string;





  @Field(() => Date, { description: 'When it starts to be valid: the decision date (00:00 in Vietnam).' })
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'When it stops being valid: the end of the award\'s last valid day in Vietnam; null for a commendation, which does not expire.' })
  validUntil!: Date | null;

  @Field(() => Date, { description: 'When it was issued.' })
  issuedAt!: Date;



}

@InputType({ description: 'Which award to issue as a credential.' })
export class IssueCredentialInput {
  @Field(() => ID, { description: 'Global id of the TitleAward.' })
  awardId!: string;
}

@ObjectType({ description: 'The credential of the award.' })
export class IssueCredentialPayload {
  @Field(() => AwardCredentialType, { nullable: true, description: 'The credential signed with the body\'s active key (the one already issued with that key, if any); null when there are errors.' })
  credential!: unknown;

  @Field(() => [UserError], { description: 'Why it was not issued (AWARD_REVOKED); empty on success.' })
  errors!: UserError[];
}

@ObjectType('IssuerKey', { simpleResolvers: true, description: 'A signing key of an issuing body: its public half only.' })
export class IssuerKeyType {
  @Field({ description: 'The verification method: the DID and the key\'s JWK thumbprint.' })
  verificationMethod!: string;

  @Field(() => Date, { description: 'When it was made.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a rotation retired it; null for the active key. Retired keys still verify what they signed.' })
  retiredAt!: Date | null;
}

@ObjectType('CredentialIssuer', { simpleResolvers: true, description: 'An issuing body as verifiers see it: its DID and keys.' })
export class CredentialIssuerType {
  @Field({ description: 'Its did:web identifier.' })
  did!: string;

  @Field({ description: 'URL of its DID document.' })
  didDocumentUrl!: string;

  @Field(() => [IssuerKeyType], { description: 'Every key it signed with, oldest first.' })
  keys!: IssuerKeyType[];
}

@InputType({ description: 'Which commendation to issue as a credential.' })
export class IssueCommendationCredentialInput {
  @Field(() => ID, { description: 'Global id of the Nomination, DECIDED, whose commendation is issued.' })
  nominationId!: string;
}

@ObjectType({ description: 'The credential of the commendation.' })
export class IssueCommendationCredentialPayload {
  @Field(() => AwardCredentialType, { nullable: true, description: 'The credential signed with the commending body\'s active key (the one already issued with that key, if any); null when there are errors.' })
  credential!: unknown;

  @Field(() => [UserError], { description: 'Why it was not issued (COMMENDATION_DECIDED_ELSEWHERE, COMMENDATION_REVOKED, WRONG_STATUS when it is not decided); empty on success.' })
  errors!: UserError[];
}

@InputType({ description: 'Whose signing key to rotate: a unit\'s People\'s Committee or another body, one of the two.' })
export class RotateIssuerKeyInput {
  @Field(() => ID, { nullable: true, description: 'Global id of the AdministrativeUnit whose People\'s Committee issues the credentials.' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the Body (not a People\'s Committee) that issues the credentials of its Giấy khen.' })
  bodyId?: string | null;
}

@ObjectType({ description: 'The issuing body after the rotation.' })
export class RotateIssuerKeyPayload {
  @Field(() => CredentialIssuerType, { nullable: true, description: 'Its DID and keys, the new one active; null when there are errors.' })
  issuer!: CredentialIssuerType | null;

  @Field(() => [UserError], { description: 'What to fix in the input; empty on success.' })
  errors!: UserError[];
}

@ObjectType('CredentialVerification', { simpleResolvers: true, description: 'The outcome of verifying a credential issued by this platform.' })
export class CredentialVerificationType {
  @Field({ description: 'True when the signature holds with a key of the issuer, it is within its validity period and not revoked.' })
  valid!: boolean;

  @Field(() => [CredentialProblem], { description: 'Why it is not valid; empty when it is.' })
  problems!: CredentialProblem[];

  @Field(() => String, { nullable: true, description: 'The credential\'s id (urn:uuid:…), when the signature holds.' })
  credentialId!: string | null;

  @Field(() => String, { nullable: true, description: 'The issuer\'s DID, when the signature holds.' })
  issuerDid!: string | null;

  @Field(() => String, { nullable: true, description: 'The issuer\'s name, when the signature holds.' })
  issuerName!: string | null;

  @Field(() => String, { nullable: true, description: 'The key its header names (kid).' })
  verificationMethod!: string | null;

  @Field(() => String, { nullable: true, description: 'What it certifies, e.g. "Công dân học tập năm 2025", when the signature holds.' })
  achievementName!: string | null;

  @Field(() => String, { nullable: true, description: 'Its validFrom (ISO 8601), when the signature holds.' })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'Its validUntil (ISO 8601), when the signature holds.' })
  validUntil!: string | null;

  @Field(() => Int, { nullable: true, description: 'Its bit in the status list, when the signature holds.' })
  statusListIndex!: number | null;

  @Field(() => String, { nullable: true, description: 'URL of its status list, when the signature holds.' })
  statusListCredential!: string | null;
}
