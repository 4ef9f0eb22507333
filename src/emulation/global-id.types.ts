import { idOf } from '../graphql/global-id';
import { ContributorKind, NomineeKind, RecipientKind } from './emulation.enums';

/** The GraphQL type whose global id names a contributor of each kind. */
export const CONTRIBUTOR_TYPES: Record<ContributorKind, string> = {
  [ContributorKind.CITIZEN]: 'Citizen',
  [ContributorKind.HOUSEHOLD]: 'Household',
  [ContributorKind.CLAN]: 'Clan',
  [ContributorKind.ORGANISATION]: 'Organisation',
  [ContributorKind.EXTERNAL]: 'ExternalContributor',
};

export const RECIPIENT_TYPES: Record<RecipientKind, string> = {
  [RecipientKind.UNIT]: 'AdministrativeUnit',
  [RecipientKind.INSTITUTION]: 'Institution',
  [RecipientKind.FUND]: 'Body',
};

export const NOMINEE_TYPES: Record<NomineeKind, string> = {
  [NomineeKind.UNIT]: 'AdministrativeUnit',
  [NomineeKind.ORGANISATION]: 'Organisation',
  [NomineeKind.INSTITUTION]: 'Institution',
  [NomineeKind.BODY]: 'Body',
  [NomineeKind.HOUSEHOLD]: 'Household',
  [NomineeKind.CITIZEN]: 'Citizen',
  [NomineeKind.EXTERNAL]: 'ExternalContributor',
};

/** The uuid of a global id of the type a kind names. */
export function idOfKind<K extends string>(types: Record<K, string>, kind: K, globalId: string): string {
  return idOf(types[kind], globalId);
}
