import { governsUnit, isStaffOf, type Actor } from '../core/actor';
import type { Citizen } from '../people/citizens/citizen.entity';

/**
 * Who may read a citizen's learning records: the citizen, assessors of a unit containing their
 * residence (and province admins), and, for a record tied to an institution, that institution's
 * staff. `citizen.residence` must be loaded.
 */
export function mayReadRecordOf(actor: Actor | null, citizen: Citizen, institutionId: string | null): boolean {
  if (!actor) return false;
  if (citizen.account?.id === actor.accountId) return true;
  if (governsUnit(actor, citizen.residence.path)) return true;
  return institutionId !== null && isStaffOf(actor, institutionId);
}

/** Who may verify, reject or void someone's log: assessors of the citizen's unit, and staff of the institution it names. */
export function mayReviewRecordOf(actor: Actor | null, citizen: Citizen, institutionId: string | null): boolean {
  if (!actor) return false;
  return governsUnit(actor, citizen.residence.path) || (institutionId !== null && isStaffOf(actor, institutionId));
}
