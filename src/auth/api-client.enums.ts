/** How far the province trusts an API client's xAPI statements to become learning logs. */
export enum StatementTrust {
  /** Statements are stored, never turned into learning logs. */
  UNTRUSTED = 'UNTRUSTED',
  /** Mapped statements become PENDING logs that an assessor verifies. */
  PENDING = 'PENDING',
  /** Mapped statements become VERIFIED logs. */
  VERIFIED = 'VERIFIED',
}
