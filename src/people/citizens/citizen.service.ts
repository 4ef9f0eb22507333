import { createHash, randomInt } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { governsUnit, isProvinceAdmin } from '../../core/actor';
import { Role } from '../../core/roles';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { isValidOn, type UnitService } from '../../catalogue/units/unit.service';
import { countOnce, resolveTextSearch, textSearchOf } from '../../catalogue/text-search';
import type { RequestContext } from '../../core/context';
import { BadInputError, ForbiddenError, NotFoundError, UnauthenticatedError, UserInputError } from '../../core/errors';
import type { Seek } from '../../infra/keyset';
import { todayInVietnam } from '../../core/time';
import { citizenOfActor, mayReadCitizen } from './citizen-access';
import { Citizen } from './citizen.entity';
import { checkCitizenFields, IDENTITY_FIELDS, type CitizenFields } from './citizen-fields';
import { countCitizens, findCitizenIds, lockNationalId, type CitizenQuery, type CitizenRow } from './citizen.repository';
import { checkNationalId } from './national-id';
import type { Gender } from '../people.enums';

export type NewCitizenFields = CitizenFields & { fullName: string; birthYear: number; gender: Gender; residenceId: string };

export interface CitizenFilter {
  search?: string | null;
  nationalId?: string | null;
  unitId?: string | null;
}

export interface ClaimCode {
  code: string;
  expiresAt: Date;
}

const CLAIM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CLAIM_CODE_LENGTH = 10;
const CLAIM_CODE_DAYS = 14;

function claimCodeDigest(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase().replace(/[\s-]/g, '')).digest('hex');
}


/** Citizen profiles: self sign-up, registration by assessors, changes, claiming, and finding them. */
export class CitizenService {
  constructor(private readonly units: UnitService) {}

  /** The citizen with its residence, when the actor may read it; NotFound otherwise (no hint that it exists). */
  async getReadable(ctx: RequestContext, id: string, what = 'The citizen'): Promise<Citizen> {
    const citizen = await ctx.em.findOne(Citizen, { id }, { populate: ['residence'] });
    if (!citizen || !mayReadCitizen(ctx.actor, citizen)) throw new NotFoundError(what);
    return citizen;
  }

  /** A citizen chosen in a mutation's input: one the actor may not read is reported as unknown. */
  async getChosen(ctx: RequestContext, id: string, field: string[]): Promise<Citizen> {
    const citizen = await ctx.em.findOne(Citizen, { id }, { populate: ['residence'] });
    if (!citizen || !mayReadCitizen(ctx.actor, citizen)) throw new UserInputError('UNKNOWN_CITIZEN', field);
    return citizen;
  }

  /** Transactional. A signed-in account creates its own profile (one per account); the national ID number is required. */
  async createMine(ctx: RequestContext, fields: NewCitizenFields): Promise<Citizen> {
    if (!ctx.actor) throw new UnauthenticatedError();
    if (await citizenOfActor(ctx.em, ctx.actor)) throw new UserInputError('PROFILE_EXISTS');
    if (!fields.nationalId?.trim()) throw new UserInputError('REQUIRED', ['nationalId']);
    const residence = await this.residence(ctx, fields.residenceId);
    const citizen = await this.create(ctx, fields, residence);
    citizen.account = ctx.em.getReference(Account, ctx.actor.accountId);
    await ctx.em.flush();
    return citizen;
  }

  /** Transactional. An assessor registers a citizen living in their area (or a province admin anyone). */
  async register(ctx: RequestContext, fields: NewCitizenFields): Promise<Citizen> {
    const residence = await this.residence(ctx, fields.residenceId);
    if (!governsUnit(ctx.actor, residence.path)) throw new ForbiddenError('You may register only citizens living in your area');
    const citizen = await this.create(ctx, fields, residence);
    citizen.registeredBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    await ctx.em.flush();
    return citizen;
  }

  /**
   * Transactional. The citizen changes their contact, residence and reporting fields; assessors of
   * their unit (and admins) change everything. Moving out of an assessor's area needs both areas.
   */
  async update(ctx: RequestContext, id: string, fields: CitizenFields): Promise<Citizen> {
    const citizen = await this.getReadable(ctx, id);
    const official = governsUnit(ctx.actor, citizen.residence.path);
    if (!official) {
      const identity = IDENTITY_FIELDS.find((key) => fields[key] !== undefined);
      if (identity) throw new UserInputError('IDENTITY_FIELD', [identity]);
    }
    if (fields.residenceId && fields.residenceId !== citizen.residence.id) {
      const residence = await this.residence(ctx, fields.residenceId);
      if (official && !governsUnit(ctx.actor, residence.path)) throw new ForbiddenError('You may move a citizen only to a unit of your area');
      citizen.residence = residence;
    }
    await this.apply(ctx, citizen, fields);
    await ctx.em.flush();
    return citizen;
  }

  /** Transactional. An assessor of the unit hands an unclaimed profile's owner a one-time code (valid 14 days). */
  async issueClaimCode(ctx: RequestContext, id: string): Promise<ClaimCode> {
    const citizen = await this.getReadable(ctx, id);
    if (!governsUnit(ctx.actor, citizen.residence.path)) throw new ForbiddenError('Only assessors of the citizen’s unit issue claim codes');
    if (citizen.account) throw new UserInputError('ALREADY_CLAIMED', ['citizenId']);
    if (!citizen.nationalIdDigest) throw new UserInputError('NO_NATIONAL_ID', ['citizenId']);
    const code = Array.from({ length: CLAIM_CODE_LENGTH }, () => CLAIM_CODE_ALPHABET[randomInt(CLAIM_CODE_ALPHABET.length)]).join('');
    const expiresAt = new Date(ctx.now.getTime() + CLAIM_CODE_DAYS * 86_400_000);
    citizen.claimCodeDigest = claimCodeDigest(code);
    citizen.claimCodeExpiresAt = expiresAt;
    await ctx.em.flush();
    return { code, expiresAt };
  }

  /**
   * Transactional. A signed-in account without a profile takes over the profile an assessor
   * registered, proving it with the national ID number and the one-time claim code together. Every
   * failure has the same code, so the call tells nothing about whether a number is registered.
   */
  async claim(ctx: RequestContext, nationalId: string, code: string): Promise<Citizen> {
    if (!ctx.actor) throw new UnauthenticatedError();
    if (await citizenOfActor(ctx.em, ctx.actor)) throw new UserInputError('PROFILE_EXISTS');
    const checked = checkNationalId(nationalId);
    const citizen = checked.ok
      ? await ctx.em.findOne(Citizen, { nationalIdDigest: ctx.services.nationalIds.digest(checked.value) }, { populate: ['residence'], lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    const valid =
      citizen && !citizen.account && citizen.claimCodeDigest === claimCodeDigest(code) && citizen.claimCodeExpiresAt && citizen.claimCodeExpiresAt > ctx.now;
    if (!citizen || !valid) throw new UserInputError('INVALID_CLAIM', ['claimCode']);
    citizen.account = ctx.em.getReference(Account, ctx.actor.accountId);
    citizen.claimCodeDigest = null;
    citizen.claimCodeExpiresAt = null;
    await ctx.em.flush();
    return citizen;
  }

  /** The query of the `citizens` list: assessors see their subtrees, province admins everyone. */
  async toQuery(ctx: RequestContext, filter: CitizenFilter): Promise<CitizenQuery> {
    const scopePaths = isProvinceAdmin(ctx.actor)
      ? null
      : (ctx.actor?.grants.filter((grant) => grant.role === Role.ASSESSOR && grant.unitPath).map((grant) => grant.unitPath as string) ?? []);
    if (scopePaths?.length === 0) throw new ForbiddenError('Only assessors and province admins list citizens');
    const unit = await this.units.getFilter(ctx, filter.unitId, 'filter.unitId');
    let nationalIdDigest: string | null = null;
    if (filter.nationalId?.trim()) {
      const checked = checkNationalId(filter.nationalId);
      if (!checked.ok) throw new BadInputError('filter.nationalId: a national ID number (CCCD) has exactly 12 digits and a province code');
      nationalIdDigest = ctx.services.nationalIds.digest(checked.value);
    }
    const query: CitizenQuery = { scopePaths, unitPath: unit?.path ?? null, search: textSearchOf(filter.search), nationalIdDigest };
    return resolveTextSearch(query, (candidate) => this.count(ctx, candidate));
  }

  find(ctx: RequestContext, query: CitizenQuery, seek: Seek): Promise<CitizenRow[]> {
    return findCitizenIds(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: CitizenQuery): Promise<number> {
    return countOnce(query, () => countCitizens(ctx.em, query));
  }

  /** A hamlet or commune that exists today, where a citizen may live. */
  async residence(ctx: RequestContext, unitId: string, field = 'residenceId'): Promise<AdministrativeUnit> {
    const unit = await this.units.getChosen(ctx, unitId, field);
    if (unit.level !== UnitLevel.HAMLET && unit.level !== UnitLevel.COMMUNE) {
      throw new UserInputError('NOT_A_RESIDENCE', [field]);
    }
    if (!isValidOn(unit, todayInVietnam(ctx.now))) throw new UserInputError('UNIT_NO_LONGER_EXISTS', [field], { unit: unit.name });
    return unit;
  }

  private async create(ctx: RequestContext, fields: NewCitizenFields, residence: AdministrativeUnit): Promise<Citizen> {
    // Not persisted until every field passed its checks: a refused row of an import writes nothing.
    const citizen = ctx.em.create(Citizen, { fullName: '', birthYear: fields.birthYear, gender: fields.gender, residence }, { persist: false });
    await this.apply(ctx, citizen, fields, true);
    ctx.em.persist(citizen);
    return citizen;
  }

  /**
   * Checks and assigns profile fields, every check before the first assignment, including a national ID number unique across the province
   * (the number is locked for the transaction, so of two registrations at once exactly one wins).
   */
  async apply(ctx: RequestContext, citizen: Citizen, fields: CitizenFields, isNew = false): Promise<void> {
    const current = isNew
      ? null
      : { birthYear: citizen.birthYear, gender: citizen.gender, nationalId: citizen.nationalIdSealed ? ctx.services.nationalIds.open(citizen.nationalIdSealed) : null };
    const checked = checkCitizenFields(fields, current, Number(todayInVietnam(ctx.now).slice(0, 4)));
    if (checked.nationalId !== undefined) {
      const digest = checked.nationalId ? ctx.services.nationalIds.digest(checked.nationalId) : null;
      if (digest && digest !== citizen.nationalIdDigest) {
        await lockNationalId(ctx.em, digest);
        const holder = await ctx.em.execute<{ id: string }[]>('select id from citizen where national_id_digest = ?', [digest]);
        if (holder.some((row) => row.id !== citizen.id)) throw new UserInputError('NATIONAL_ID_TAKEN', ['nationalId']);
      }
      citizen.nationalIdDigest = digest;
      citizen.nationalIdSealed = checked.nationalId ? ctx.services.nationalIds.seal(checked.nationalId) : null;
    }
    ctx.em.assign(citizen, checked.values);
  }
}
