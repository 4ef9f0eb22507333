import type { RequestContext } from '../core/context';
import { BadInputError, ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { staffInstitutionIds } from '../core/actor';
import type { Seek } from '../infra/keyset';
import type { Audience, Topic } from '../catalogue/catalogue.enums';
import { Institution } from '../catalogue/institutions/institution.entity';
import { countOnce, resolveTextSearch, textSearchOf } from '../catalogue/text-search';
import type { UnitService } from '../catalogue/units/unit.service';
import type { LearningLog } from '../learning/logs/learning-log.entity';
import { requireOwnCitizen } from '../learning/own-citizen';
import { todayInVietnam } from '../core/time';
import { MediaAsset } from '../media/media-asset.entity';
import { MediaKind, MediaStatus } from '../media/media.enums';
import { managesMediaOf, type MediaReadService } from '../media/media-read.service';
import { LearningResource } from './resource.entity';
import { ResourceKind, ResourceStatus, ResourceUsageKind, type Licence } from './resource.enums';
import { countResources, findResources, recordUsage, type NumberRange, type ResourceQuery, type ResourceRow, type ResourceSort } from './resource.repository';

export interface ResourceFields {
  title?: string | null;
  description?: string | null;
  kind?: ResourceKind | null;
  topics?: Topic[] | null;
  audiences?: Audience[] | null;
  language?: string | null;
  licence?: Licence | null;
  assetId?: string | null;
  linkUrl?: string | null;
  transcript?: string | null;
}

export interface ResourceFilter {
  unitId?: string | null;
  institutionId?: string | null;
  kinds?: ResourceKind[] | null;
  topics?: Topic[] | null;
  languages?: string[] | null;
  licences?: Licence[] | null;
  statuses?: ResourceStatus[] | null;
  durationSeconds?: NumberRange | null;
  pages?: NumberRange | null;
  search?: string | null;
}

/** The media kind a resource of each kind carries; null for links. */
/** How many times its length a video or audio may be studied in one record (watching twice, taking notes). */
export const STUDY_DURATION_FACTOR = 2;

const MEDIA_OF_KIND: Record<ResourceKind, MediaKind | null> = {
  [ResourceKind.VIDEO]: MediaKind.VIDEO,
  [ResourceKind.AUDIO]: MediaKind.AUDIO,
  [ResourceKind.DOCUMENT]: MediaKind.DOCUMENT,
  [ResourceKind.EBOOK]: MediaKind.DOCUMENT,
  [ResourceKind.IMAGE]: MediaKind.IMAGE,
  [ResourceKind.LINK]: null,
};

/** Shared learning resources: staff of an institution create, publish and withdraw them; everyone finds published ones. */
export class ResourceService {
  constructor(
    private readonly units: UnitService,
    private readonly media: MediaReadService,
  ) {}

  canSee(ctx: RequestContext, resource: LearningResource): boolean {
    return resource.status === ResourceStatus.PUBLISHED || managesMediaOf(ctx, resource.institution.id);
  }

  async getVisible(ctx: RequestContext, id: string): Promise<LearningResource> {
    const resource = await ctx.em.findOne(LearningResource, { id });
    if (!resource || !this.canSee(ctx, resource)) throw new NotFoundError('The learning resource');
    return resource;
  }

  async getManaged(ctx: RequestContext, id: string): Promise<LearningResource> {
    const resource = await this.getVisible(ctx, id);
    if (!managesMediaOf(ctx, resource.institution.id)) throw new ForbiddenError('Only staff of the institution may change its resources');
    return resource;
  }

  async toQuery(ctx: RequestContext, filter: ResourceFilter, order: ResourceSort | null): Promise<ResourceQuery> {
    const unit = await this.units.getFilter(ctx, filter.unitId, 'filter.unitId');
    const search = textSearchOf(filter.search);
    const sort = order ?? (search ? 'RELEVANCE' : 'NEWEST');
    if (sort === 'RELEVANCE' && !search) throw new BadInputError('Ordering by RELEVANCE needs filter.search');
    const query: ResourceQuery = {
      unitPath: unit?.path ?? null,
      institutionId: filter.institutionId ?? null,
      kinds: filter.kinds ?? null,
      topics: filter.topics ?? null,
      languages: filter.languages ?? null,
      licences: filter.licences ?? null,
      statuses: filter.statuses?.length ? filter.statuses : [ResourceStatus.PUBLISHED],
      durationSeconds: filter.durationSeconds ?? null,
      pages: filter.pages ?? null,
      search,
      sort,
      drafts: staffInstitutionIds(ctx.actor),
    };
    return resolveTextSearch(query, (candidate) => countResources(ctx.em, candidate));
  }

  find(ctx: RequestContext, query: ResourceQuery, seek: Seek): Promise<ResourceRow[]> {
    return findResources(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: ResourceQuery): Promise<number> {
    return countOnce(query, () => countResources(ctx.em, query));
  }

  /** Transactional. Staff of the institution (or a province admin) create a draft. */
  async create(ctx: RequestContext, institutionId: string, fields: ResourceFields & { title: string; kind: ResourceKind; topics: Topic[] }): Promise<LearningResource> {
    const institution = await ctx.em.findOne(Institution, { id: institutionId });
    if (!institution) throw new NotFoundError('The institution');
    if (!managesMediaOf(ctx, institution.id)) throw new ForbiddenError('Only staff of the institution may add its resources');
    const resource = ctx.em.create(LearningResource, { institution, title: fields.title.trim(), kind: fields.kind, topics: [...new Set(fields.topics)] });
    await this.assign(ctx, resource, fields);
    await ctx.em.flush();
    return resource;
  }

  /** Transactional. Changes a resource; a published one whose media changes waits for that media again. */
  async update(ctx: RequestContext, id: string, fields: ResourceFields): Promise<LearningResource> {
    const resource = await this.getManaged(ctx, id);
    await this.assign(ctx, resource, fields);
    if (resource.status === ResourceStatus.PUBLISHED || resource.status === ResourceStatus.PROCESSING || resource.status === ResourceStatus.FAILED) {
      await this.publishState(ctx, resource);
    }
    await ctx.em.flush();
    return resource;
  }

  /**
   * Transactional, idempotent. Publishes a resource: at once when its media is ready, else it
   * is PROCESSING and published by the worker that finishes the media.
   */
  async publish(ctx: RequestContext, id: string): Promise<LearningResource> {
    const resource = await this.getManaged(ctx, id);
    if (resource.status !== ResourceStatus.PUBLISHED) {
      await this.publishState(ctx, resource);
      resource.withdrawnAt = null;
      await ctx.em.flush();
    }
    return resource;
  }

  /** Transactional, idempotent. Takes a resource out of public view. */
  async withdraw(ctx: RequestContext, id: string): Promise<LearningResource> {
    const resource = await this.getManaged(ctx, id);
    if (resource.status !== ResourceStatus.WITHDRAWN) {
      resource.status = ResourceStatus.WITHDRAWN;
      resource.withdrawnAt = ctx.now;
      await ctx.em.flush();
    }
    return resource;
  }

  /** Transactional. Counts a view by the signed-in account, once a day (Vietnam time). */
  async recordView(ctx: RequestContext, id: string): Promise<LearningResource> {
    const resource = await this.getVisible(ctx, id);
    if (await recordUsage(ctx.em, resource.id, ctx.actor?.accountId as string, todayInVietnam(ctx.now), ResourceUsageKind.VIEW)) await ctx.em.refresh(resource);
    return resource;
  }

  /**
   * Transactional, idempotent with `idempotencyKey`. The signed-in citizen records minutes spent
   * studying a published resource: a RESOURCE_STUDY learning log with the resource's topics (self-
   * study for the titles), and a view. A video or audio cannot be studied for more than
   * STUDY_DURATION_FACTOR times its length, so one short clip cannot claim an afternoon.
   */
  async recordStudy(ctx: RequestContext, id: string, minutes: number, idempotencyKey: string | null): Promise<{ resource: LearningResource; log: LearningLog }> {
    const resource = await this.getVisible(ctx, id);
    if (resource.status !== ResourceStatus.PUBLISHED) {
      throw new UserInputError('RESOURCE_NOT_PUBLISHED', ['resourceId']);
    }
    const citizen = await requireOwnCitizen(ctx);
    const asset = resource.asset ? await ctx.em.findOneOrFail(MediaAsset, { id: resource.asset.id }) : null;
    if (asset?.durationSeconds && minutes > Math.max(1, Math.ceil((asset.durationSeconds * STUDY_DURATION_FACTOR) / 60))) {
      throw new UserInputError('STUDY_LONGER_THAN_RESOURCE', ['minutes'], { minutes: Math.ceil(asset.durationSeconds / 60), factor: STUDY_DURATION_FACTOR });
    }
    const log = await ctx.services.learning.logs.recordResourceStudy(ctx, citizen, {
      resourceId: resource.id,
      minutes,
      idempotencyKey,
      topics: resource.topics,
      title: resource.title,
    });
    if (await recordUsage(ctx.em, resource.id, ctx.actor?.accountId as string, todayInVietnam(ctx.now), ResourceUsageKind.VIEW)) await ctx.em.refresh(resource);
    return { resource, log };
  }

  /** Transactional. A short-lived URL of the original file; counted once a day per account. */
  async download(ctx: RequestContext, id: string): Promise<{ resource: LearningResource; url: string }> {
    const resource = await this.getVisible(ctx, id);
    if (!resource.asset) throw new UserInputError('NOTHING_TO_DOWNLOAD', ['resourceId']);
    const asset = await ctx.em.findOneOrFail(MediaAsset, { id: resource.asset.id });
    if (await recordUsage(ctx.em, resource.id, ctx.actor?.accountId as string, todayInVietnam(ctx.now), ResourceUsageKind.DOWNLOAD)) await ctx.em.refresh(resource);
    return { resource, url: await this.media.urlOf(ctx, asset.originalKey) };
  }

  private async publishState(ctx: RequestContext, resource: LearningResource): Promise<void> {
    const wanted = MEDIA_OF_KIND[resource.kind];
    if (wanted === null) {
      if (!resource.linkUrl) throw new UserInputError('LINK_REQUIRED', ['linkUrl']);
      resource.status = ResourceStatus.PUBLISHED;
    } else {
      if (!resource.asset) throw new UserInputError('MEDIA_REQUIRED', ['assetId']);
      const asset = await ctx.em.findOneOrFail(MediaAsset, { id: resource.asset.id });
      if (asset.status === MediaStatus.FAILED) throw new UserInputError('MEDIA_FAILED', ['assetId']);
      resource.status = asset.status === MediaStatus.READY ? ResourceStatus.PUBLISHED : ResourceStatus.PROCESSING;
    }
    if (resource.status === ResourceStatus.PUBLISHED) resource.publishedAt ??= ctx.now;
  }

  private async assign(ctx: RequestContext, resource: LearningResource, fields: ResourceFields): Promise<void> {
    if (fields.title !== undefined && fields.title !== null) {
      if (!fields.title.trim()) throw new UserInputError('REQUIRED', ['title']);
      resource.title = fields.title.trim();
    }
    if (fields.description !== undefined) resource.description = fields.description?.trim() || null;
    if (fields.transcript !== undefined) resource.transcript = fields.transcript?.trim() || null;
    if (fields.kind) resource.kind = fields.kind;
    if (fields.topics) resource.topics = [...new Set(fields.topics)];
    if (fields.audiences) resource.audiences = [...new Set(fields.audiences)];
    if (fields.language) resource.language = fields.language;
    if (fields.licence) resource.licence = fields.licence;
    if (fields.linkUrl !== undefined) resource.linkUrl = fields.linkUrl || null;
    if (fields.assetId !== undefined) {
      resource.asset = fields.assetId ? await this.attachable(ctx, resource, fields.assetId) : null;
    }
    const wanted = MEDIA_OF_KIND[resource.kind];
    if (wanted === null && resource.asset) throw new UserInputError('KIND_MISMATCH', ['assetId']);
    if (wanted !== null && resource.linkUrl) throw new UserInputError('KIND_MISMATCH', ['linkUrl']);
  }

  private async attachable(ctx: RequestContext, resource: LearningResource, assetId: string): Promise<MediaAsset> {
    const asset = await ctx.em.findOne(MediaAsset, { id: assetId });
    if (!asset || asset.institution.id !== resource.institution.id) throw new UserInputError('MEDIA_NOT_FOUND', ['assetId']);
    const wanted = MEDIA_OF_KIND[resource.kind];
    if (asset.kind !== wanted) throw new UserInputError('KIND_MISMATCH', ['assetId']);
    return asset;
  }
}
