import type { RequestContext } from '../../core/context';
import { BadInputError, ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { isProvinceAdmin, isStaffOf, staffInstitutionIds } from '../../core/actor';
import type { Seek } from '../../infra/keyset';
import {
  type Audience,
  type InstitutionKind,
  type ProgrammeFormat,
  type ProgrammeKind,
  ProgrammeStatus,
  SessionStatus,
  type Topic,
} from '../catalogue.enums';
import type { Near } from '../geo.types';
import type { InstitutionService } from '../institutions/institution.service';
import { Programme } from './programme.entity';
import { countOnce, resolveTextSearch, textSearchOf } from '../text-search';
import { countProgrammes, findProgrammes, type ProgrammeQuery, type ProgrammeRow, type ProgrammeSort } from './programme.repository';
import { ProgrammeSession } from './session.entity';
import type { UnitService } from '../units/unit.service';
import type { DraftAccess } from '../visibility';

export interface ProgrammeFields {
  title?: string | null;
  description?: string | null;
  kind?: ProgrammeKind | null;
  topics?: Topic[] | null;
  audiences?: Audience[] | null;
  format?: ProgrammeFormat | null;
  language?: string | null;
  feeVnd?: number | null;
}

export interface ProgrammeFilter {
  unitId?: string | null;
  institutionId?: string | null;
  institutionKinds?: InstitutionKind[] | null;
  kinds?: ProgrammeKind[] | null;
  topics?: Topic[] | null;
  formats?: ProgrammeFormat[] | null;
  statuses?: ProgrammeStatus[] | null;
  search?: string | null;
  near?: Near | null;
}

/** Drafts the actor may see: those of institutions they work for; all for province admins. */
export function draftAccess(ctx: RequestContext): DraftAccess {
  return staffInstitutionIds(ctx.actor);
}

/** Whether the actor manages the programmes of an institution: its staff or a province admin. */
export function managesProgrammesOf(ctx: RequestContext, institutionId: string): boolean {
  return isProvinceAdmin(ctx.actor) || isStaffOf(ctx.actor, institutionId);
}

/** Programmes: staff create, edit, publish and cancel them; the public finds published ones. */
export class ProgrammeService {
  constructor(
    private readonly units: UnitService,
    private readonly institutions: InstitutionService,
  ) {}

  /** A programme the actor may see; drafts of other institutions are as if missing. */
  async getVisible(ctx: RequestContext, id: string): Promise<Programme> {
    const programme = await ctx.em.findOne(Programme, { id });
    if (!programme || !this.canSee(ctx, programme)) throw new NotFoundError('The programme');
    return programme;
  }

  canSee(ctx: RequestContext, programme: Programme): boolean {
    return programme.status !== ProgrammeStatus.DRAFT || managesProgrammesOf(ctx, programme.institution.id);
  }

  async toQuery(ctx: RequestContext, filter: ProgrammeFilter, order: ProgrammeSort | null): Promise<ProgrammeQuery> {
    const unit = await this.units.getFilter(ctx, filter.unitId, 'filter.unitId');
    const search = textSearchOf(filter.search);
    const near = filter.near ?? null;
    const sort = order ?? (search ? 'RELEVANCE' : near ? 'DISTANCE' : 'NEWEST');
    if (sort === 'DISTANCE' && !near) throw new BadInputError('Ordering by DISTANCE needs filter.near');
    if (sort === 'RELEVANCE' && !search) throw new BadInputError('Ordering by RELEVANCE needs filter.search');
    const query: ProgrammeQuery = {
      unitPath: unit?.path ?? null,
      institutionId: filter.institutionId ?? null,
      institutionKinds: filter.institutionKinds ?? null,
      kinds: filter.kinds ?? null,
      topics: filter.topics ?? null,
      formats: filter.formats ?? null,
      statuses: filter.statuses?.length ? filter.statuses : [ProgrammeStatus.PUBLISHED],
      search,
      near,
      sort,
      drafts: draftAccess(ctx),
    };
    return resolveTextSearch(query, (candidate) => this.count(ctx, candidate));
  }

  find(ctx: RequestContext, query: ProgrammeQuery, seek: Seek): Promise<ProgrammeRow[]> {
    return findProgrammes(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: ProgrammeQuery): Promise<number> {
    return countOnce(query, () => countProgrammes(ctx.em, query));
  }

  /** Transactional. Staff of the institution (or a province admin) create a draft programme. */
  async create(ctx: RequestContext, institutionId: string, fields: ProgrammeFields & { title: string; kind: ProgrammeKind; topics: Topic[]; format: ProgrammeFormat }): Promise<Programme> {
    const institution = await this.institutions.getById(ctx, institutionId);
    if (!managesProgrammesOf(ctx, institution.id)) throw new ForbiddenError('Only staff of the institution may add its programmes');
    const programme = ctx.em.create(Programme, { institution, title: fields.title, kind: fields.kind, topics: fields.topics, format: fields.format });
    this.assignFields(programme, fields);
    await ctx.em.flush();
    return programme;
  }

  /** Transactional. Changes a programme that is not cancelled. */
  async update(ctx: RequestContext, id: string, fields: ProgrammeFields): Promise<Programme> {
    const programme = await this.getManaged(ctx, id);
    if (programme.status === ProgrammeStatus.CANCELLED) {
      throw new UserInputError('PROGRAMME_CANCELLED', ['id']);
    }
    this.assignFields(programme, fields);
    await ctx.em.flush();
    return programme;
  }

  /** Transactional, idempotent. Makes a draft visible to everyone. */
  async publish(ctx: RequestContext, id: string): Promise<Programme> {
    const programme = await this.getManaged(ctx, id);
    if (programme.status === ProgrammeStatus.CANCELLED) {
      throw new UserInputError('PROGRAMME_CANCELLED', ['id']);
    }
    if (programme.status === ProgrammeStatus.DRAFT) {
      programme.status = ProgrammeStatus.PUBLISHED;
      programme.publishedAt = new Date();
      await ctx.em.flush();
    }
    return programme;
  }

  /** Transactional, idempotent. Cancels the programme and every session of it not yet started. */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<Programme> {
    const programme = await this.getManaged(ctx, id);
    if (programme.status !== ProgrammeStatus.CANCELLED) {
      programme.status = ProgrammeStatus.CANCELLED;
      programme.cancelledAt = new Date();
      programme.cancellationReason = reason.trim();
      await ctx.em.flush();
      await ctx.em.nativeUpdate(
        ProgrammeSession,
        { programme, startsAt: { $gt: programme.cancelledAt }, status: SessionStatus.SCHEDULED },
        { status: SessionStatus.CANCELLED, updatedAt: programme.cancelledAt },
      );
    }
    return programme;
  }

  /** A programme the actor manages; NOT_FOUND when they cannot see it, FORBIDDEN when they only see it. */
  async getManaged(ctx: RequestContext, id: string): Promise<Programme> {
    const programme = await this.getVisible(ctx, id);
    if (!managesProgrammesOf(ctx, programme.institution.id)) throw new ForbiddenError('Only staff of the institution may change its programmes');
    return programme;
  }

  private assignFields(programme: Programme, fields: ProgrammeFields): void {
    if (fields.title !== undefined && fields.title !== null) {
      if (!fields.title.trim()) throw new UserInputError('REQUIRED', ['title']);
      programme.title = fields.title.trim();
    }
    if (fields.description !== undefined) programme.description = fields.description?.trim() || null;
    if (fields.kind) programme.kind = fields.kind;
    if (fields.topics) programme.topics = [...new Set(fields.topics)];
    if (fields.audiences) programme.audiences = [...new Set(fields.audiences)];
    if (fields.format) programme.format = fields.format;
    if (fields.language) programme.language = fields.language;
    if (fields.feeVnd !== undefined && fields.feeVnd !== null) programme.feeVnd = fields.feeVnd;
  }
}
