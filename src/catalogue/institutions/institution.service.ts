import type { RequestContext } from '../../core/context';
import { BadInputError, ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { governsUnit, isStaffOf } from '../../core/actor';
import type { Seek } from '../../infra/keyset';
import { todayInVietnam } from '../../core/time';
import { type AccessibilityFeature, type InstitutionKind, InstitutionStatus } from '../catalogue.enums';
import type { Near } from '../geo.types';
import { Institution } from './institution.entity';
import { countOnce, knownCount, resolveTextSearch, textSearchOf } from '../text-search';
import {
  countInstitutions,
  findInstitutions,
  type InstitutionQuery,
  type InstitutionRow,
  type InstitutionSort,
} from './institution.repository';
import type { AdministrativeUnit } from '../units/unit.entity';
import { isValidOn, type UnitService } from '../units/unit.service';

export interface InstitutionFields {
  name?: string | null;
  kind?: InstitutionKind | null;
  description?: string | null;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  openingHours?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  accessibility?: AccessibilityFeature[] | null;
  status?: InstitutionStatus | null;
}

export interface InstitutionFilter {
  unitId?: string | null;
  kinds?: InstitutionKind[] | null;
  statuses?: InstitutionStatus[] | null;
  search?: string | null;
  near?: Near | null;
}

const OPTIONAL_TEXT = ['description', 'address', 'openingHours', 'phone', 'email', 'website'] as const;

/** The directory of institutions: who may create and edit them, and finding them. */
export class InstitutionService {
  constructor(private readonly units: UnitService) {}

  async getById(ctx: RequestContext, id: string): Promise<Institution> {
    const institution = await ctx.em.findOne(Institution, { id }, { populate: ['unit'] });
    if (!institution) throw new NotFoundError('The institution');
    return institution;
  }

  async toQuery(ctx: RequestContext, filter: InstitutionFilter, order: InstitutionSort | null): Promise<InstitutionQuery> {
    const unit = await this.units.getFilter(ctx, filter.unitId, 'filter.unitId');
    const search = textSearchOf(filter.search);
    const near = filter.near ?? null;
    const sort = order ?? (search ? 'RELEVANCE' : near ? 'DISTANCE' : 'NAME');
    if (sort === 'DISTANCE' && !near) throw new BadInputError('Ordering by DISTANCE needs filter.near');
    if (sort === 'RELEVANCE' && !search) throw new BadInputError('Ordering by RELEVANCE needs filter.search');
    const query: InstitutionQuery = {
      unitPath: unit?.path ?? null,
      kinds: filter.kinds ?? null,
      statuses: filter.statuses?.length ? filter.statuses : [InstitutionStatus.ACTIVE, InstitutionStatus.TEMPORARILY_CLOSED],
      search,
      near,
      sort,
    };
    return resolveTextSearch(query, (candidate) => this.count(ctx, candidate));
  }

  /** With `counted`, the page counts the whole query too, unless choosing how to match the text already did. */
  find(ctx: RequestContext, query: InstitutionQuery, seek: Seek, counted: boolean): Promise<InstitutionRow[]> {
    return findInstitutions(ctx.em, query, seek, counted && knownCount(query) === null);
  }

  count(ctx: RequestContext, query: InstitutionQuery): Promise<number> {
    return countOnce(query, () => countInstitutions(ctx.em, query));
  }

  /** Transactional. An assessor (in their area) or a province admin adds an institution. */
  async create(ctx: RequestContext, unitId: string, fields: InstitutionFields & { name: string; kind: InstitutionKind }): Promise<Institution> {
    const unit = await this.currentUnit(ctx, unitId);
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('You may add institutions only in units of your area');
    const institution = ctx.em.create(Institution, { name: fields.name, kind: fields.kind, unit });
    this.assignFields(institution, fields);
    await ctx.em.flush();
    return institution;
  }

  /** Transactional. Its staff, an assessor of its area or a province admin edits it; only officials move it. */
  async update(ctx: RequestContext, id: string, fields: InstitutionFields, unitId: string | null): Promise<Institution> {
    const institution = await this.getById(ctx, id);
    const official = governsUnit(ctx.actor, institution.unit.path);
    if (!official && !isStaffOf(ctx.actor, institution.id)) throw new ForbiddenError('You may edit only your own institution or those of your area');
    if (unitId && unitId !== institution.unit.id) {
      const unit = await this.currentUnit(ctx, unitId);
      if (!official || !governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('Only officials of both areas may move an institution');
      institution.unit = unit;
    }
    this.assignFields(institution, fields);
    await ctx.em.flush();
    return institution;
  }

  private async currentUnit(ctx: RequestContext, unitId: string): Promise<AdministrativeUnit> {
    const unit = await this.units.getChosen(ctx, unitId, 'unitId');
    if (!isValidOn(unit, todayInVietnam())) {
      throw new UserInputError('UNIT_NO_LONGER_EXISTS', ['unitId'], { unit: unit.name });
    }
    return unit;
  }

  private assignFields(institution: Institution, fields: InstitutionFields): void {
    if (fields.name !== undefined) {
      if (!fields.name?.trim()) throw new UserInputError('REQUIRED', ['name']);
      institution.name = fields.name.trim();
    }
    if (fields.kind) institution.kind = fields.kind;
    if (fields.status) institution.status = fields.status;
    if (fields.accessibility) institution.accessibility = [...new Set(fields.accessibility)];
    for (const key of OPTIONAL_TEXT) {
      const value = fields[key];
      if (value !== undefined) institution[key] = value?.trim() || null;
    }
    if (fields.latitude !== undefined || fields.longitude !== undefined) {
      const latitude = fields.latitude === undefined ? institution.latitude : fields.latitude;
      const longitude = fields.longitude === undefined ? institution.longitude : fields.longitude;
      if ((latitude === null) !== (longitude === null)) {
        throw new UserInputError('INCOMPLETE_LOCATION', [fields.latitude === undefined ? 'latitude' : 'longitude']);
      }
      institution.latitude = latitude;
      institution.longitude = longitude;
    }
  }
}
