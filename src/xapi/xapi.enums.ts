/** What a stored statement became in the platform's learning records. */
export enum StatementLearning {
  /** It created (or, sent again, found) an IMPORT learning log. */
  LOGGED = 'LOGGED',
  /** Its verb and activity type are not mapped to learning. */
  UNMAPPED = 'UNMAPPED',
  /** Its actor is not a citizen the platform knows. */
  UNKNOWN_PERSON = 'UNKNOWN_PERSON',
  /** Its client is not one the province trusts with learning records. */
  UNTRUSTED_CLIENT = 'UNTRUSTED_CLIENT',
  /** Mapped and about a known citizen, but the log's rules refused it (a closed year, too many hours in a day…). */
  REFUSED = 'REFUSED',
  /** A voiding statement, or a statement that is not about an activity. */
  NOT_LEARNING = 'NOT_LEARNING',
}

/** The three xAPI document resources. */
export enum DocumentKind {
  STATE = 'STATE',
  ACTIVITY_PROFILE = 'ACTIVITY_PROFILE',
  AGENT_PROFILE = 'AGENT_PROFILE',
}
