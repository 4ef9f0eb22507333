import type { RequestContext } from '../core/context';
import { UserInputError } from '../core/errors';
import type { Citizen } from '../people/citizens/citizen.entity';
import { citizenOfActor } from '../people/citizens/citizen-access';

/** The signed-in account's citizen profile; an account without one cannot keep a learning record. */
export async function requireOwnCitizen(ctx: RequestContext): Promise<Citizen> {
  const citizen = await citizenOfActor(ctx.em, ctx.actor);
  if (!citizen) throw new UserInputError('CITIZEN_PROFILE_REQUIRED', 'Create your citizen profile first; learning records belong to it');
  return citizen;
}
