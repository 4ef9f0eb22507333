import { LockMode } from '@mikro-orm/core';
import { governsUnit } from '../../core/actor';
import { Programme } from '../../catalogue/programmes/programme.entity';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { Citizen } from '../citizens/citizen.entity';
import type { CitizenService } from '../citizens/citizen.service';
import { closeMembership, dayBefore, membershipDay, refuseOverlap } from './membership';
import { Organisation, OrganisationMandatoryProgramme, OrganisationMembership } from './organisation.entity';
import type { OrganisationKind, OrganisationRole } from '../people.enums';

/**
 * Organisations (agencies, schools, enterprises, cooperatives): assessors of the organisation's
 * unit record them, their staff and learners, and the programmes they make mandatory each year.
 * There is no separate organisation manager: no account role speaks for an organisation yet.
 */
export class OrganisationService {
  constructor(private readonly citizens: CitizenService) {}

  async getManaged(ctx: RequestContext, id: string): Promise<Organisation> {
    const organisation = await ctx.em.findOne(Organisation, { id }, { populate: ['unit'] });
    if (!organisation) throw new NotFoundError('The organisation');
    if (!governsUnit(ctx.actor, organisation.unit.path)) throw new ForbiddenError('Only assessors of the organisation’s unit change it');
    return organisation;
  }

  /** Transactional. Records an organisation in a unit of the actor's area. */
  async create(ctx: RequestContext, unitId: string, name: string, kind: OrganisationKind): Promise<Organisation> {
    const unit = await this.citizens.residence(ctx, unitId, 'unitId');
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('You may record organisations only in units of your area');
    if (!name.trim()) throw new UserInputError('REQUIRED', ['name']);
    const organisation = ctx.em.create(Organisation, { name: name.trim(), kind, unit });
    await ctx.em.flush();
    return organisation;
  }

  /**
   * Transactional. A citizen the actor may see joins as staff or learner from a day. Changing role
   * (a learner hired as staff) ends the current membership the day before and opens a new one.
   */
  async addMember(ctx: RequestContext, organisationId: string, citizenId: string, role: OrganisationRole, validFrom: string | null | undefined): Promise<OrganisationMembership> {
    const organisation = await this.getManaged(ctx, organisationId);
    const citizen = await this.citizens.getChosen(ctx, citizenId, ['citizenId']);
    const from = membershipDay(validFrom, todayInVietnam(ctx.now), 'validFrom');
    await ctx.em.findOne(Citizen, { id: citizen.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const current = await ctx.em.findOne(OrganisationMembership, { organisation, citizen, validTo: null });
    if (current) {
      if (current.role === role) throw new UserInputError('ALREADY_MEMBER', ['citizenId']);
      closeMembership(current, dayBefore(from), 'validFrom');
      await ctx.em.flush();
    }
    await refuseOverlap(ctx.em, OrganisationMembership, { organisation, citizen }, from, 'validFrom');
    const membership = ctx.em.create(OrganisationMembership, { organisation, citizen, role, validFrom: from });
    await ctx.em.flush();
    return membership;
  }

  /** Transactional. A member leaves on a day. */
  async endMember(ctx: RequestContext, organisationId: string, citizenId: string, validTo: string | null | undefined): Promise<OrganisationMembership> {
    const organisation = await this.getManaged(ctx, organisationId);
    const membership = await ctx.em.findOne(OrganisationMembership, { organisation, citizen: citizenId, validTo: null });
    if (!membership) throw new UserInputError('NOT_A_MEMBER', ['citizenId']);
    closeMembership(membership, membershipDay(validTo, todayInVietnam(ctx.now), 'validTo'), 'validTo');
    await ctx.em.flush();
    return membership;
  }

  /** Transactional, idempotent. Replaces the programmes the organisation makes mandatory for a year. */
  async setMandatoryProgrammes(ctx: RequestContext, organisationId: string, year: number, programmeIds: string[]): Promise<Organisation> {
    const organisation = await this.getManaged(ctx, organisationId);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserInputError('INVALID_YEAR', ['year'], { min: 2000, max: 2100 });
    const ids = [...new Set(programmeIds)];
    const programmes = await ctx.em.find(Programme, { id: { $in: ids } });
    if (programmes.length !== ids.length) throw new UserInputError('UNKNOWN_PROGRAMME', ['programmeIds']);
    await ctx.em.nativeDelete(OrganisationMandatoryProgramme, { organisation, year });
    for (const programme of programmes) ctx.em.create(OrganisationMandatoryProgramme, { organisation, year, programme });
    await ctx.em.flush();
    return organisation;
  }
}
