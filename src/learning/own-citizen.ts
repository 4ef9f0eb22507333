import { Account } from '../auth/account.entity';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { Citizen } from '../people/citizens/citizen.entity';
import { citizenOfActor, mayActForCitizen } from '../people/citizens/citizen-access';

/** The signed-in account's citizen profile; an account without one cannot keep a learning record. */
export async function requireOwnCitizen(ctx: RequestContext): Promise<Citizen> {
  const citizen = await citizenOfActor(ctx.em, ctx.actor);
  if (!citizen) throw new UserInputError('CITIZEN_PROFILE_REQUIRED');
  return citizen;
}

/** Whose record a write goes to, and the official who entered it on the citizen's behalf (null when the citizen did). */
export interface ActedFor {
  citizen: Citizen;
  enteredBy: Account | null;
}

/**
 * The citizen a learning write is for: the signed-in citizen without `citizenId`, else the citizen
 * named, whom the actor must be the citizen of or may act for (assisted entry, `mayActForCitizen`).
 * NotFound for an id of no citizen; Forbidden for a citizen outside the actor's area.
 */
export async function requireCitizenActedFor(ctx: RequestContext, citizenId: string | null | undefined): Promise<ActedFor> {
  if (!citizenId) return { citizen: await requireOwnCitizen(ctx), enteredBy: null };
  const citizen = await ctx.em.findOne(Citizen, { id: citizenId }, { populate: ['residence'] });
  if (!citizen) throw new NotFoundError('The citizen');
  return { citizen, enteredBy: enteredByFor(ctx, citizen) };
}

/** Null when the actor is the citizen; the actor's account when they may act for the citizen; Forbidden otherwise. */
export function enteredByFor(ctx: RequestContext, citizen: Citizen): Account | null {
  if (ctx.actor && citizen.account?.id === ctx.actor.accountId) return null;
  if (!ctx.actor || !mayActForCitizen(ctx.actor, citizen)) throw new ForbiddenError('You may act only for citizens living in your area');
  return ctx.em.getReference(Account, ctx.actor.accountId);
}
