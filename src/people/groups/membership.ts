import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { UserInputError } from '../../core/errors';
import type { Membership } from './membership.entity';

/** The calendar day before `day` (YYYY-MM-DD): a membership closed by a move ends the day before the new one starts. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A membership's first or last day: today by default, never in the future. */
export function membershipDay(day: string | null | undefined, today: string, field: string): string {
  const value = day ?? today;
  if (value > today) throw new UserInputError('FUTURE_DATE', [field]);
  return value;
}

/** Refuses a new open-ended membership from `from` when the pair already has one valid on or after that day. */
export async function refuseOverlap<M extends Membership>(em: EntityManager, entity: new () => M, pair: FilterQuery<M>, from: string, field: string): Promise<void> {
  const overlapping = await em.count(entity, { $and: [pair, { $or: [{ validTo: null }, { validTo: { $gte: from } }] }] } as FilterQuery<M>);
  if (overlapping) throw new UserInputError('OVERLAPPING_MEMBERSHIP', [field]);
}

/** Ends a membership on `validTo` (its last day). */
export function closeMembership(membership: Membership, validTo: string, field: string): void {
  if (validTo < membership.validFrom) {
    throw new UserInputError('INVALID_PERIOD', [field]);
  }
  membership.validTo = validTo;
}
