import { Arg, Args, Authorized, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { idOf } from '../graphql/global-id';
import { labelOf } from '../core/labels';
import { registerNode } from '../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../graphql/relay';
import { runMutation } from '../graphql/user-error';
import { Role } from '../core/roles';
import type { Institution } from '../catalogue/institutions/institution.entity';
import { institutionById } from '../catalogue/institutions/institution.loaders';
import { InstitutionType } from '../catalogue/institutions/institution.types';
import type { MediaAsset } from '../media/media-asset.entity';
import { RenditionFormat } from '../media/media.enums';
import { visibleAssetById } from '../media/media.loaders';
import { thumbnailUrl } from '../media/media.resolver';
import { MediaAssetType } from '../media/media.types';
import { LearningResource } from './resource.entity';
import { resourceById } from './resource.loaders';
import {
  CreateLearningResourceInput,
  LearningResourceConnection,
  LearningResourceFilter,
  LearningResourceInput,
  LearningResourceOrder,
  LearningResourcePayload,
  LearningResourceType,
  RecordStudyInput,
  RecordStudyPayload,
  ResourceDownloadPayload,
  ResourceUseInput,
  UpdateLearningResourceInput,
} from './resource.types';

registerNode('LearningResource', LearningResource, async (ctx, ids) => {
  const resources = await resourceById(ctx).loadMany(ids);
  return resources.map((resource) => (resource instanceof LearningResource && ctx.services.resources.canSee(ctx, resource) ? resource : null));
});

function assetIdOf(assetId: string | null | undefined): string | null | undefined {
  return assetId ? idOf('MediaAsset', assetId) : assetId;
}

@Resolver(() => LearningResourceType)
export class LearningResourceResolver {
  @Query(() => LearningResourceConnection, { description: 'Find learning resources: by topic, kind, language, licence, publisher, area, duration or pages, free text. No sign-in needed.' })
  async learningResources(
    @Arg('filter', () => LearningResourceFilter, { nullable: true }) filter: LearningResourceFilter | null,
    @Arg('orderBy', () => LearningResourceOrder, { nullable: true, description: 'Order; see LearningResourceOrder for the default.' }) orderBy: LearningResourceOrder | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<LearningResource>> {
    const query = await ctx.services.resources.toQuery(
      ctx,
      {
        ...filter,
        unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null,
        institutionId: filter?.institutionId ? idOf('Institution', filter.institutionId) : null,
      },
      orderBy,
    );
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `learningResources:${query.sort}`,
      fetch: (seek) => ctx.services.resources.find(ctx, query, seek),
      keyOf: (row) => [row.sortKey, row.resource.id],
      edge: (row, cursor) => ({ cursor, node: row.resource }),
      count: () => ctx.services.resources.count(ctx, query),
    });
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningResourcePayload, { description: 'Creates a draft learning resource of your institution.' })
  async createLearningResource(@Arg('input') input: CreateLearningResourceInput, @Ctx() ctx: RequestContext): Promise<LearningResourcePayload> {
    const { institutionId, assetId, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.resources.create(tx, idOf('Institution', institutionId), { ...fields, assetId: assetIdOf(assetId) }));
    return { resource: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningResourcePayload, { description: 'Changes a learning resource of your institution.' })
  async updateLearningResource(@Arg('input') input: UpdateLearningResourceInput, @Ctx() ctx: RequestContext): Promise<LearningResourcePayload> {
    const { id, assetId, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.resources.update(tx, idOf('LearningResource', id), { ...fields, assetId: assetIdOf(assetId) }));
    return { resource: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningResourcePayload, { description: 'Publishes a learning resource: at once when its media is ready, else (PROCESSING) as soon as it is.' })
  async publishLearningResource(@Arg('input') input: LearningResourceInput, @Ctx() ctx: RequestContext): Promise<LearningResourcePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.resources.publish(tx, idOf('LearningResource', input.id)));
    return { resource: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningResourcePayload, { description: 'Withdraws a learning resource from public view.' })
  async withdrawLearningResource(@Arg('input') input: LearningResourceInput, @Ctx() ctx: RequestContext): Promise<LearningResourcePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.resources.withdraw(tx, idOf('LearningResource', input.id)));
    return { resource: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => LearningResourcePayload, { description: 'Counts a view of a resource by the signed-in account (once a day).' })
  async recordResourceView(@Arg('input') input: ResourceUseInput, @Ctx() ctx: RequestContext): Promise<LearningResourcePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.resources.recordView(tx, idOf('LearningResource', input.resourceId)));
    return { resource: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => RecordStudyPayload, { description: 'Records minutes you spent studying a published resource as a learning log (self-study), once per idempotency key.' })
  async recordStudy(@Arg('input') input: RecordStudyInput, @Ctx() ctx: RequestContext): Promise<RecordStudyPayload> {
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.resources.recordStudy(tx, idOf('LearningResource', input.resourceId), input.minutes, input.idempotencyKey ?? null),
    );
    return { log: outcome.result?.log ?? null, resource: outcome.result?.resource ?? null, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => ResourceDownloadPayload, { description: 'A short-lived URL to download the resource\'s file; counted once a day per account.' })
  async downloadLearningResource(@Arg('input') input: ResourceUseInput, @Ctx() ctx: RequestContext): Promise<ResourceDownloadPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.resources.download(tx, idOf('LearningResource', input.resourceId)));
    return { resource: outcome.result?.resource ?? null, url: outcome.result?.url ?? null, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The kind, in the language of the request.' })
  kindLabel(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): string {
    return labelOf('ResourceKind', resource.kind, ctx.locale);
  }

  @FieldResolver(() => [String], { description: 'The topics, in the language of the request.' })
  topicLabels(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): string[] {
    return resource.topics.map((topic) => labelOf('Topic', topic, ctx.locale));
  }

  @FieldResolver(() => String, { description: 'The licence, in the language of the request.' })
  licenceLabel(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): string {
    return labelOf('Licence', resource.licence, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): string {
    return labelOf('ResourceStatus', resource.status, ctx.locale);
  }

  @FieldResolver(() => InstitutionType, { description: 'The institution that publishes it.' })
  institution(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): Promise<Institution | null> {
    return institutionById(ctx).load(resource.institution.id);
  }

  @FieldResolver(() => MediaAssetType, { nullable: true, description: 'Its file and what the workers made of it; null for links.' })
  mediaAsset(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): Promise<MediaAsset | null> {
    return resource.asset ? visibleAssetById(ctx).load(resource.asset.id) : Promise.resolve(null);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Duration in seconds (video, audio).' })
  async durationSeconds(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): Promise<number | null> {
    return resource.asset ? ((await visibleAssetById(ctx).load(resource.asset.id))?.durationSeconds ?? null) : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Number of pages (documents).' })
  async pages(@Root() resource: LearningResource, @Ctx() ctx: RequestContext): Promise<number | null> {
    return resource.asset ? ((await visibleAssetById(ctx).load(resource.asset.id))?.pages ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'URL of its thumbnail nearest to a width; null when it has none (yet).' })
  thumbnail(
    @Root() resource: LearningResource,
    @Arg('width', () => Int, { description: 'Width wanted in pixels.' }) width: number,
    @Arg('format', () => RenditionFormat, { nullable: true, description: 'Format wanted; any by default.' }) format: RenditionFormat | null,
    @Ctx() ctx: RequestContext,
  ): Promise<string | null> {
    return resource.asset ? thumbnailUrl(ctx, resource.asset.id, width, format) : Promise.resolve(null);
  }
}
