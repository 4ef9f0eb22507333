import type { RequestContext } from '../../core/context';
import { UserInputError } from '../../core/errors';
import { citizenOfActor } from '../../people/citizens/citizen-access';
import { HonourRollConsent } from './consent.entity';

/** A citizen's consent to the public honour roll. */
export class HonourRollService {
  /** Transactional, idempotent. Gives or withdraws the signed-in citizen's consent to be named on the honour roll. */
  async setConsent(ctx: RequestContext, consent: boolean): Promise<HonourRollConsent | null> {
    const citizen = await citizenOfActor(ctx.em, ctx.actor);
    if (!citizen) throw new UserInputError('CITIZEN_PROFILE_REQUIRED');
    const existing = await ctx.em.findOne(HonourRollConsent, { citizen });
    if (consent) {
      if (existing) Object.assign(existing, { givenAt: existing.withdrawnAt ? ctx.now : existing.givenAt, withdrawnAt: null });
      const row = existing ?? ctx.em.create(HonourRollConsent, { citizen, givenAt: ctx.now });
      await ctx.em.flush();
      return row;
    }
    if (existing && !existing.withdrawnAt) existing.withdrawnAt = ctx.now;
    await ctx.em.flush();
    return existing;
  }

  /** The signed-in citizen's consent, null without a profile or a record. */
  async own(ctx: RequestContext): Promise<HonourRollConsent | null> {
    const citizen = await citizenOfActor(ctx.em, ctx.actor);
    return citizen ? ctx.em.findOne(HonourRollConsent, { citizen }) : null;
  }
}
