import type { RequestContext } from '../../core/context';
import { BadInputError, ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { governsUnit } from '../../core/actor';
import { todayInVietnam } from '../../core/time';
import { UnitLevel } from '../catalogue.enums';
import { countOnce, resolveTextSearch, textSearchOf } from '../text-search';
import { AdministrativeUnit } from './unit.entity';
import { countUnits, findUnitByCode, findUnits, type UnitQuery, type UnitRow } from './unit.repository';
import type { Seek } from '../../infra/keyset';

export interface UnitFilter {
  search?: string | null;
  levels?: UnitLevel[] | null;
  withinId?: string | null;
  validOn?: string | null;
  includeHistoric?: boolean | null;
}

export interface CreateHamletInput {
  communeId: string;
  code: string;
  name: string;
  disadvantaged?: boolean | null;
}

export interface UpdateUnitInput {
  id: string;
  name?: string | null;
  disadvantaged?: boolean | null;
}

export function isValidOn(unit: AdministrativeUnit, day: string): boolean {
  return (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);
}

/** Administrative units: finding them, hamlets created by communes, and the disadvantaged flag. */
export class UnitService {
  async getById(ctx: RequestContext, id: string): Promise<AdministrativeUnit> {
    const unit = await ctx.em.findOne(AdministrativeUnit, { id });
    if (!unit) throw new NotFoundError('The administrative unit');
    return unit;
  }

  /** A unit a person chose in a mutation's input: an unknown one is theirs to fix (a UserError on `field`). */
  async getChosen(ctx: RequestContext, id: string, field: string): Promise<AdministrativeUnit> {
    const unit = await ctx.em.findOne(AdministrativeUnit, { id });
    if (!unit) throw new UserInputError('UNKNOWN_UNIT', [field]);
    return unit;
  }

  /** The unit a list is filtered by; an unknown one is a bad argument. */
  async getFilter(ctx: RequestContext, id: string | null | undefined, argument: string): Promise<AdministrativeUnit | null> {
    if (!id) return null;
    const unit = await ctx.em.findOne(AdministrativeUnit, { id });
    if (!unit) throw new BadInputError(`${argument}: no administrative unit has this id`);
    return unit;
  }

  /** The unit with this code valid on the day (today in Vietnam by default). */
  async findByCode(ctx: RequestContext, code: string, validOn: string | null): Promise<AdministrativeUnit | null> {
    return findUnitByCode(ctx.em, code.trim(), validOn ?? todayInVietnam());
  }

  async toQuery(ctx: RequestContext, filter: UnitFilter): Promise<UnitQuery> {
    const within = await this.getFilter(ctx, filter.withinId, 'filter.withinId');
    const query: UnitQuery = {
      search: textSearchOf(filter.search),
      levels: filter.levels ?? null,
      withinPath: within?.path ?? null,
      validOn: filter.includeHistoric ? null : (filter.validOn ?? todayInVietnam()),
    };
    return resolveTextSearch(query, (candidate) => this.count(ctx, candidate));
  }

  find(ctx: RequestContext, query: UnitQuery, seek: Seek): Promise<UnitRow[]> {
    return findUnits(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: UnitQuery): Promise<number> {
    return countOnce(query, () => countUnits(ctx.em, query));
  }

  /** Transactional. A commune's assessor (or a province admin) creates a hamlet under it. */
  async createHamlet(ctx: RequestContext, input: CreateHamletInput): Promise<AdministrativeUnit> {
    const commune = await this.getChosen(ctx, input.communeId, 'communeId');
    if (!governsUnit(ctx.actor, commune.path)) throw new ForbiddenError('You may create hamlets only in communes of your area');
    if (commune.level !== UnitLevel.COMMUNE) {
      throw new UserInputError('NOT_A_COMMUNE', ['communeId']);
    }
    const today = todayInVietnam();
    if (!isValidOn(commune, today)) {
      throw new UserInputError('UNIT_NO_LONGER_EXISTS', ['communeId'], { unit: commune.name });
    }
    const code = `${commune.code}-${input.code.trim().toUpperCase()}`;
    if (await ctx.em.count(AdministrativeUnit, { code, validTo: null })) {
      throw new UserInputError('CODE_TAKEN', ['code'], { code: input.code });
    }
    const hamlet = ctx.em.create(AdministrativeUnit, {
      code,
      name: input.name.trim(),
      level: UnitLevel.HAMLET,
      parent: commune,
      path: '',
      validFrom: today,
      disadvantaged: input.disadvantaged ?? false,
    });
    hamlet.path = `${commune.path}${hamlet.id}/`;
    await ctx.em.flush();
    return hamlet;
  }

  /** Transactional. Renames a hamlet or sets the disadvantaged flag of a unit of the actor's area. */
  async update(ctx: RequestContext, input: UpdateUnitInput): Promise<AdministrativeUnit> {
    const unit = await this.getById(ctx, input.id);
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('You may change only units of your area');
    if (input.name !== undefined && input.name !== null) {
      if (unit.level !== UnitLevel.HAMLET) {
        throw new UserInputError('OFFICIAL_NAME', ['name']);
      }
      unit.name = input.name.trim();
    }
    if (input.disadvantaged !== undefined && input.disadvantaged !== null) unit.disadvantaged = input.disadvantaged;
    await ctx.em.flush();
    return unit;
  }
}
