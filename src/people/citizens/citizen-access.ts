import type { EntityManager } from '@mikro-orm/postgresql';
import { actsForResidentsOf, governsUnit, type Actor } from '../../core/actor';
import { Citizen } from './citizen.entity';
import type { Household } from '../groups/household.entity';

/** The citizen profile of the signed-in account, or null when the account has none. */
export async function citizenOfActor(em: EntityManager, actor: Actor | null): Promise<Citizen | null> {
  if (!actor) return null;
  return em.findOne(Citizen, { account: actor.accountId }, { populate: ['residence'] });
}

/**
 * Personal data of a citizen is readable by the citizen, by assessors whose unit contains the
 * citizen's residence, and by province admins; nobody else. `citizen.residence` must be loaded.
 */
export function mayReadCitizen(actor: Actor | null, citizen: Citizen): boolean {
  if (!actor) return false;
  if (citizen.account?.id === actor.accountId) return true;
  return governsUnit(actor, citizen.residence.path);
}

/**
 * Who may act for a citizen who has no account or no phone (assisted entry: their plan, their
 * declared learning, reading their progress to them): assessors of their area, province admins and
 * staff of the community learning centre of their area. Not the citizen themself: that is not
 * acting for someone. `citizen.residence` must be loaded.
 */
export function mayActForCitizen(actor: Actor | null, citizen: Citizen): boolean {
  return actsForResidentsOf(actor, citizen.residence.path);
}

/**
 * A household is readable by assessors of its hamlet, province admins, and its own current members
 * (as a summary: names and roles; each member's personal data still follows `mayReadCitizen`).
 * `household.hamlet` must be loaded; `viewerHouseholdIds` are the actor's current households.
 */
export function mayReadHousehold(actor: Actor | null, household: Household, viewerHouseholdIds: readonly string[]): boolean {
  return viewerHouseholdIds.includes(household.id) || governsUnit(actor, household.hamlet.path);
}
