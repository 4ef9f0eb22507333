import { registerEnumType } from 'type-graphql';

/** Why a credential does not verify. */
export enum CredentialProblem {
  MALFORMED = 'MALFORMED',
  UNKNOWN_ISSUER_KEY = 'UNKNOWN_ISSUER_KEY',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  NOT_YET_VALID = 'NOT_YET_VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(CredentialProblem, {
  name: 'CredentialProblem',
  description: 'Why a credential does not verify.',
  valuesConfig: {
    MALFORMED: { description: 'Not a VC-JWT (three base64url parts, EdDSA, a kid) carrying an OpenBadgeCredential.' },
    UNKNOWN_ISSUER_KEY: { description: 'Its kid names no key that this platform\'s issuing bodies ever listed in their DID documents, or a key of another issuer than the credential names.' },
    SIGNATURE_INVALID: { description: 'The signature does not match the content: the credential was altered or signed with another key.' },
    NOT_YET_VALID: { description: 'Its validFrom is still to come.' },
    EXPIRED: { description: 'Its validUntil has passed: the recognition is no longer in force.' },
    REVOKED: { description: 'Its bit in the revocation status list is set: the award was revoked.' },
  },
});
