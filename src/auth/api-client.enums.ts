import { registerLabelledEnum } from '../graphql/labels';

/** How far the province trusts an API client's xAPI statements to become learning logs. */
export enum StatementTrust {
  /** Statements are stored, never turned into learning logs. */
  UNTRUSTED = 'UNTRUSTED',
  /** Mapped statements become PENDING logs that an assessor verifies. */
  PENDING = 'PENDING',
  /** Mapped statements become VERIFIED logs. */
  VERIFIED = 'VERIFIED',
}

registerLabelledEnum(StatementTrust, 'StatementTrust', "How far the province trusts an API client's xAPI statements to become learning logs.", {
  [StatementTrust.UNTRUSTED]: { vi: 'Không tin cậy', en: 'Untrusted', description: 'Statements are stored, never turned into learning logs' },
  [StatementTrust.PENDING]: { vi: 'Chờ xác nhận', en: 'Pending verification', description: 'Mapped statements become pending logs that an assessor verifies' },
  [StatementTrust.VERIFIED]: { vi: 'Tin cậy', en: 'Verified', description: 'Mapped statements become verified logs' },
});
