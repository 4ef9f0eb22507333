import type { RequestContext } from '../core/context';
import { byKeys, groupByKeys } from '../core/loaders';
import type { MediaAsset, MediaRendition, MediaStep } from './media-asset.entity';
import { findAssetsByIds, findRenditionsOfAssets, findStepsOfAssets } from './media-read.service';

export function assetById(ctx: RequestContext) {
  return ctx.loaders.get<string, MediaAsset | null>('mediaAsset.byId', async (ids) => byKeys(ids, await findAssetsByIds(ctx.em, ids), (asset) => asset.id));
}

/** Assets by id that the actor may see; null for the others. */
export function visibleAssetById(ctx: RequestContext) {
  return ctx.loaders.get<string, MediaAsset | null>('mediaAsset.visibleById', async (ids) => {
    const assets = (await assetById(ctx).loadMany(ids)).filter((asset): asset is MediaAsset => !!asset && !(asset instanceof Error));
    const visible = await ctx.services.media.canSee(ctx, assets);
    return byKeys(ids, assets.filter((asset) => visible.has(asset.id)), (asset) => asset.id);
  });
}

export function stepsOfAsset(ctx: RequestContext) {
  return ctx.loaders.get<string, MediaStep[]>('mediaAsset.steps', async (ids) => groupByKeys(ids, await findStepsOfAssets(ctx.em, ids), (step) => step.asset.id));
}

export function renditionsOfAsset(ctx: RequestContext) {
  return ctx.loaders.get<string, MediaRendition[]>('mediaAsset.renditions', async (ids) =>
    groupByKeys(ids, await findRenditionsOfAssets(ctx.em, ids), (rendition) => rendition.asset.id),
  );
}
