import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaConfig } from '../core/config';
import type { RequestContext } from '../core/context';
import { NotFoundError } from '../core/errors';
import { isProvinceAdmin, isStaffOf, staffInstitutionIds } from '../core/actor';
import { signingWindowOf } from '../infra/signing-window';
import type { Storage } from '../infra/storage';
import { pgArray } from '../infra/sql';
import { MediaAsset, MediaRendition, MediaStep } from './media-asset.entity';
import { RenditionFormat, RenditionKind } from './media.enums';

/** Whether the actor manages an institution's media: its staff or a province admin. */
export function managesMediaOf(ctx: RequestContext, institutionId: string): boolean {
  return isProvinceAdmin(ctx.actor) || isStaffOf(ctx.actor, institutionId);
}

/** Assets by id, in no particular order. */
export async function findAssetsByIds(em: EntityManager, ids: readonly string[]): Promise<MediaAsset[]> {
  return em.find(MediaAsset, { id: { $in: [...ids] } });
}

/** Of the ids, those of assets used by a published resource (which anyone may see). */
export async function publishedAssetIds(em: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  const rows = await em.execute<{ asset_id: string }[]>(
    `select distinct asset_id from learning_resource where asset_id = any(?::uuid[]) and status = 'PUBLISHED'`,
    [pgArray(ids)],
  );
  return new Set(rows.map((row) => row.asset_id));
}

export async function findStepsOfAssets(em: EntityManager, ids: readonly string[]): Promise<MediaStep[]> {
  return em.find(MediaStep, { asset: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', name: 'asc' } });
}

export async function findRenditionsOfAssets(em: EntityManager, ids: readonly string[]): Promise<MediaRendition[]> {
  return em.find(MediaRendition, { asset: { $in: [...ids] } }, { orderBy: { kind: 'asc', width: 'asc', name: 'asc' } });
}

/**
 * The thumbnail nearest to a width: the smallest at least as wide, else the widest; in the
 * format asked for when there is one.
 */
export function nearestThumbnail(renditions: MediaRendition[], width: number, format: RenditionFormat | null): MediaRendition | null {
  const thumbnails = renditions.filter((r) => r.kind === RenditionKind.THUMBNAIL && (!format || r.format === format) && r.width !== null);
  if (!thumbnails.length) return null;
  const sorted = [...thumbnails].sort((a, b) => (a.width as number) - (b.width as number));
  return sorted.find((r) => (r.width as number) >= width) ?? (sorted[sorted.length - 1] as MediaRendition);
}

/** Reading media: who may see an asset, and short-lived URLs of its files. */
export class MediaReadService {
  constructor(
    private readonly config: MediaConfig,
    private readonly storage: () => Storage,
  ) {}

  /** An asset the actor may see: of an institution they manage, or used by a published resource. */
  async getVisible(ctx: RequestContext, id: string): Promise<MediaAsset> {
    const asset = await ctx.em.findOne(MediaAsset, { id });
    if (!asset || !(await this.canSee(ctx, [asset])).has(asset.id)) throw new NotFoundError('The media asset');
    return asset;
  }

  /** Ids of the assets the actor may see, for a whole set at once. */
  async canSee(ctx: RequestContext, assets: MediaAsset[]): Promise<Set<string>> {
    const drafts = staffInstitutionIds(ctx.actor);
    const managed = assets.filter((asset) => drafts === 'all' || drafts.includes(asset.institution.id)).map((asset) => asset.id);
    const others = assets.filter((asset) => !managed.includes(asset.id)).map((asset) => asset.id);
    const published = others.length ? await publishedAssetIds(ctx.em, others) : new Set<string>();
    return new Set([...managed, ...published]);
  }

  /**
   * A presigned GET URL, the same for every request of the signing window `ctx.now` falls in and
   * valid at least one window more; recorded in the context so the response is cached no longer.
   */
  urlOf(ctx: RequestContext, key: string): Promise<string> {
    const window = signingWindowOf(ctx.now, this.config.downloadUrlWindowSeconds);
    ctx.signedUrls?.expiresAt(window.validUntil);
    return this.storage().presignGet(key, window.expirySeconds, window.signedAt);
  }
}
