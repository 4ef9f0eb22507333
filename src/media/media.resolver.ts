import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { isProvinceAdmin } from '../core/actor';
import type { RequestContext } from '../core/context';
import { labelOf } from '../core/labels';
import { idOf, toGlobalId } from '../graphql/global-id';
import { registerNode } from '../graphql/node-registry';
import { eventValue, watch, type EventRoot } from '../graphql/subscriptions';
import { runMutation } from '../graphql/user-error';
import { Role } from '../core/roles';
import { MediaAsset, MediaRendition, type MediaStep } from './media-asset.entity';
import { MediaStatus, RenditionFormat } from './media.enums';
import { renditionsOfAsset, stepsOfAsset, visibleAssetById } from './media.loaders';
import { nearestThumbnail } from './media-read.service';
import { assetChannel } from './processing.service';
import {
  CompleteUploadInput,
  CreateUploadInput,
  CreateUploadPayload,
  MediaAssetPayload,
  MediaAssetType,
  MediaRenditionType,
  MediaStepType,
  RetryProcessingInput,
} from './media.types';

registerNode('MediaAsset', MediaAsset, (ctx, ids) => visibleAssetById(ctx).loadMany(ids).then((assets) => assets.map((a) => (a instanceof MediaAsset ? a : null))));

/** The URL of a thumbnail of an asset nearest to a width, or null when it has none (yet). */
export async function thumbnailUrl(ctx: RequestContext, assetId: string, width: number, format: RenditionFormat | null): Promise<string | null> {
  const rendition = nearestThumbnail(await renditionsOfAsset(ctx).load(assetId), width, format);
  return rendition ? ctx.services.media.urlOf(ctx, rendition.key) : null;
}

@Resolver(() => MediaAssetType)
export class MediaAssetResolver {
  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => CreateUploadPayload, { description: 'Asks to upload a file: checks its kind and size and returns a URL to PUT it to (valid 15 minutes). The API never carries the bytes.' })
  async createUpload(@Arg('input') input: CreateUploadInput, @Ctx() ctx: RequestContext): Promise<CreateUploadPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.uploads.create(tx, { ...input, institutionId: idOf('Institution', input.institutionId) }));
    const ticket = outcome.result;
    return {
      upload: ticket ? { id: toGlobalId('Upload', ticket.upload.id), url: ticket.url, expiresAt: ticket.upload.expiresAt, kind: ticket.upload.kind } : null,
      errors: outcome.errors,
    };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => MediaAssetPayload, { description: 'Checks the uploaded file (size, checksum, real type) and starts its processing. Calling it again returns the same asset.' })
  async completeUpload(@Arg('input') input: CompleteUploadInput, @Ctx() ctx: RequestContext): Promise<MediaAssetPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.uploads.complete(tx, idOf('Upload', input.uploadId)));
    return { asset: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => MediaAssetPayload, { description: 'Runs the failed steps of a media asset again.' })
  async retryProcessing(@Arg('input') input: RetryProcessingInput, @Ctx() ctx: RequestContext): Promise<MediaAssetPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.processing.retry(tx, idOf('MediaAsset', input.assetId)));
    return { asset: outcome.result, errors: outcome.errors };
  }

  @Subscription(() => MediaAssetType, {
    description:
      "A media asset's processing: the asset as it is now, then again each time one of its steps starts, finishes or fails, until the asset is READY or FAILED. Refused with NOT_FOUND where `node` answers null: only staff of its institution and province administrators see an asset before a published resource uses it.",
    subscribe: ({ args, context }: { args: { id: string }; context: RequestContext }) => {
      const id = idOf('MediaAsset', args.id);
      return watch(context, {
        channel: assetChannel(id),
        read: (ctx) => ctx.services.media.getVisible(ctx, id),
        settled: (asset) => asset.status === MediaStatus.READY || asset.status === MediaStatus.FAILED,
      });
    },
  })
  mediaAssetProcessing(@Root() event: EventRoot<MediaAsset>, @Arg('id', () => ID, { description: 'Global id of the media asset.' }) _id: string): MediaAsset {
    return eventValue(event);
  }

  @FieldResolver(() => [MediaStepType], { description: 'Its processing steps and their states.' })
  steps(@Root() asset: MediaAsset, @Ctx() ctx: RequestContext): Promise<MediaStep[]> {
    return stepsOfAsset(ctx).load(asset.id);
  }

  @FieldResolver(() => [MediaRenditionType], { description: 'The files made from it.' })
  renditions(@Root() asset: MediaAsset, @Ctx() ctx: RequestContext): Promise<MediaRendition[]> {
    return renditionsOfAsset(ctx).load(asset.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'URL of the thumbnail nearest to a width (the smallest at least that wide); null until there is one.' })
  thumbnail(
    @Root() asset: MediaAsset,
    @Arg('width', () => Int, { description: 'Width wanted in pixels.' }) width: number,
    @Arg('format', () => RenditionFormat, { nullable: true, description: 'Format wanted; any by default.' }) format: RenditionFormat | null,
    @Ctx() ctx: RequestContext,
  ): Promise<string | null> {
    return thumbnailUrl(ctx, asset.id, width, format);
  }
}

@Resolver(() => MediaStepType)
export class MediaStepResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The failure reason, in the language of the request; null when it did not fail.' })
  failureReasonLabel(@Root() step: MediaStep, @Ctx() ctx: RequestContext): string | null {
    return step.failureReason ? labelOf('MediaFailureReason', step.failureReason, ctx.locale) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The failure in the tool's own words, for diagnosis: province administrators only (it may hold server paths), null for everyone else. Show `failureReasonLabel` to people.",
  })
  error(@Root() step: MediaStep, @Ctx() ctx: RequestContext): string | null {
    return isProvinceAdmin(ctx.actor) ? step.error : null;
  }
}

@Resolver(() => MediaRenditionType)
export class MediaRenditionResolver {
  @FieldResolver(() => String, { description: 'A signed URL of the file: the same URL for every request of a signing window (MEDIA_DOWNLOAD_URL_WINDOW_SECONDS, 15 minutes by default), so caches keep it, and valid at least one window more.' })
  url(@Root() rendition: MediaRendition, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.services.media.urlOf(ctx, rendition.key);
  }
}
