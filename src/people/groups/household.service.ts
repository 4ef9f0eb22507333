import { LockMode } from '@mikro-orm/core';
import { governsUnit } from '../../core/actor';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { Citizen } from '../citizens/citizen.entity';
import type { CitizenService } from '../citizens/citizen.service';
import { Household, HouseholdMembership } from './household.entity';
import { closeMembership, dayBefore, membershipDay, refuseOverlap } from './membership';

export interface NewHousehold {
  hamletId: string;
  name: string;
  headId: string;
  validFrom?: string | null;
}

/**
 * Households: assessors of the hamlet create them and record who lives there. A citizen has one
 * household at a time (joining another closes the old membership the day before), and the head
 * is always a current member.
 */
export class HouseholdService {
  constructor(private readonly citizens: CitizenService) {}

  /** The household with its hamlet, when the actor governs the hamlet; NotFound for anyone else. */
  async getManaged(ctx: RequestContext, id: string): Promise<Household> {
    const household = await ctx.em.findOne(Household, { id }, { populate: ['hamlet'] });
    if (!household) throw new NotFoundError('The household');
    if (!governsUnit(ctx.actor, household.hamlet.path)) throw new ForbiddenError('Only assessors of the household’s unit change it');
    return household;
  }

  /** Transactional. Creates a household in a hamlet of the actor's area, with its head as first member. */
  async create(ctx: RequestContext, input: NewHousehold): Promise<Household> {
    const hamlet = await this.citizens.residence(ctx, input.hamletId, 'hamletId');
    if (hamlet.level !== UnitLevel.HAMLET) throw new UserInputError('NOT_A_HAMLET', ['hamletId']);
    if (!governsUnit(ctx.actor, hamlet.path)) throw new ForbiddenError('You may create households only in hamlets of your area');
    const head = await this.citizens.getChosen(ctx, input.headId, ['headId']);
    const name = input.name.trim();
    if (!name) throw new UserInputError('REQUIRED', ['name']);
    const household = ctx.em.create(Household, { name, hamlet, head });
    await this.join(ctx, household, head, input.validFrom, 'validFrom');
    await ctx.em.flush();
    return household;
  }

  /** Transactional. A citizen joins (moves into) the household from a day; their previous household membership ends the day before. */
  async addMember(ctx: RequestContext, householdId: string, citizenId: string, validFrom: string | null | undefined): Promise<HouseholdMembership> {
    const household = await this.getManaged(ctx, householdId);
    const citizen = await this.citizens.getChosen(ctx, citizenId, ['citizenId']);
    const membership = await this.join(ctx, household, citizen, validFrom, 'validFrom');
    await ctx.em.flush();
    return membership;
  }

  /** Transactional. Ends a member's membership on a day (moving away, death); the head must be replaced first. */
  async endMember(ctx: RequestContext, householdId: string, citizenId: string, validTo: string | null | undefined): Promise<HouseholdMembership> {
    const household = await this.getManaged(ctx, householdId);
    const membership = await this.openMembership(ctx, household, citizenId);
    if (household.head.id === citizenId) throw new UserInputError('HEAD_CANNOT_LEAVE', ['citizenId']);
    closeMembership(membership, membershipDay(validTo, todayInVietnam(ctx.now), 'validTo'), 'validTo');
    await ctx.em.flush();
    return membership;
  }

  /** Transactional. Makes a current member the head of the household. */
  async setHead(ctx: RequestContext, householdId: string, citizenId: string): Promise<Household> {
    const household = await this.getManaged(ctx, householdId);
    await this.openMembership(ctx, household, citizenId);
    household.head = ctx.em.getReference(Citizen, citizenId);
    await ctx.em.flush();
    return household;
  }

  /** Transactional. Renames a household. */
  async rename(ctx: RequestContext, householdId: string, name: string): Promise<Household> {
    const household = await this.getManaged(ctx, householdId);
    if (!name.trim()) throw new UserInputError('REQUIRED', ['name']);
    household.name = name.trim();
    await ctx.em.flush();
    return household;
  }

  private async openMembership(ctx: RequestContext, household: Household, citizenId: string): Promise<HouseholdMembership> {
    const membership = await ctx.em.findOne(HouseholdMembership, { household, citizen: citizenId, validTo: null });
    if (!membership) throw new UserInputError('NOT_A_MEMBER', ['citizenId']);
    return membership;
  }

  private async join(ctx: RequestContext, household: Household, citizen: Citizen, day: string | null | undefined, field: string): Promise<HouseholdMembership> {
    const from = membershipDay(day, todayInVietnam(ctx.now), field);
    // One writer at a time per citizen, so two moves at once cannot both close the same membership.
    await ctx.em.findOne(Citizen, { id: citizen.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const current = await ctx.em.findOne(HouseholdMembership, { citizen, validTo: null }, { populate: ['household'] });
    if (current) {
      if (current.household.id === household.id) throw new UserInputError('ALREADY_MEMBER', ['citizenId']);
      if (current.household.head.id === citizen.id) {
        throw new UserInputError('HEAD_CANNOT_LEAVE', ['citizenId']);
      }
      closeMembership(current, dayBefore(from), field);
      // Written before the new membership: one open membership per citizen is a unique index.
      await ctx.em.flush();
    }
    await refuseOverlap(ctx.em, HouseholdMembership, { citizen, ...(current ? { id: { $ne: current.id } } : {}) }, from, field);
    citizen.residence = household.hamlet;
    return ctx.em.create(HouseholdMembership, { household, citizen, validFrom: from });
  }
}
