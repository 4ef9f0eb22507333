import { governsUnit } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import type { CitizenService } from '../citizens/citizen.service';
import { Clan, ClanMembership } from './clan.entity';
import { Household } from './household.entity';
import { closeMembership, membershipDay, refuseOverlap } from './membership';

export interface ClanFields {
  name?: string | null;
  /** The representative; null removes them. */
  representativeId?: string | null;
}

/** Clans: assessors of the unit a clan is registered with record its households and representative. */
export class ClanService {
  constructor(private readonly citizens: CitizenService) {}

  async getManaged(ctx: RequestContext, id: string): Promise<Clan> {
    const clan = await ctx.em.findOne(Clan, { id }, { populate: ['unit'] });
    if (!clan) throw new NotFoundError('The clan');
    if (!governsUnit(ctx.actor, clan.unit.path)) throw new ForbiddenError('Only assessors of the clan’s unit change it');
    return clan;
  }

  /** Transactional. Registers a clan with a unit of the actor's area. */
  async create(ctx: RequestContext, unitId: string, fields: ClanFields & { name: string }): Promise<Clan> {
    const unit = await this.citizens.residence(ctx, unitId, 'unitId');
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('You may register clans only in units of your area');
    const clan = ctx.em.create(Clan, { name: '', unit });
    await this.assign(ctx, clan, fields);
    await ctx.em.flush();
    return clan;
  }

  /** Transactional. Renames a clan or changes its representative. */
  async update(ctx: RequestContext, id: string, fields: ClanFields): Promise<Clan> {
    const clan = await this.getManaged(ctx, id);
    await this.assign(ctx, clan, fields);
    await ctx.em.flush();
    return clan;
  }

  /** Transactional. A household of the actor's area joins the clan from a day. */
  async addHousehold(ctx: RequestContext, clanId: string, householdId: string, validFrom: string | null | undefined): Promise<ClanMembership> {
    const clan = await this.getManaged(ctx, clanId);
    const household = await ctx.em.findOne(Household, { id: householdId }, { populate: ['hamlet'] });
    if (!household || !governsUnit(ctx.actor, household.hamlet.path)) throw new UserInputError('UNKNOWN_HOUSEHOLD', ['householdId']);
    const from = membershipDay(validFrom, todayInVietnam(ctx.now), 'validFrom');
    await refuseOverlap(ctx.em, ClanMembership, { clan, household }, from, 'validFrom');
    const membership = ctx.em.create(ClanMembership, { clan, household, validFrom: from });
    await ctx.em.flush();
    return membership;
  }

  /** Transactional. A household leaves the clan on a day. */
  async endHousehold(ctx: RequestContext, clanId: string, householdId: string, validTo: string | null | undefined): Promise<ClanMembership> {
    const clan = await this.getManaged(ctx, clanId);
    const membership = await ctx.em.findOne(ClanMembership, { clan, household: householdId, validTo: null });
    if (!membership) throw new UserInputError('NOT_A_MEMBER', ['householdId']);
    closeMembership(membership, membershipDay(validTo, todayInVietnam(ctx.now), 'validTo'), 'validTo');
    await ctx.em.flush();
    return membership;
  }

  private async assign(ctx: RequestContext, clan: Clan, fields: ClanFields): Promise<void> {
    if (fields.name !== undefined) {
      if (!fields.name?.trim()) throw new UserInputError('REQUIRED', ['name']);
      clan.name = fields.name.trim();
    }
    if (fields.representativeId !== undefined) {
      clan.representative = fields.representativeId ? await this.citizens.getChosen(ctx, fields.representativeId, ['representativeId']) : null;
    }
  }
}
