import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';
import { Audience, Topic } from '../catalogue/catalogue.enums';
import { Institution } from '../catalogue/institutions/institution.entity';
import { MediaAsset } from '../media/media-asset.entity';
import { Licence, ResourceKind, ResourceStatus, ResourceUsageKind } from './resource.enums';

@Entity({ tableName: 'learning_resource' })
@Index({ properties: ['institution', 'status'] })
@Index({ properties: ['asset'] })
@Index({ name: 'learning_resource_search_index', expression: 'create index "learning_resource_search_index" on "learning_resource" using gin ("search_text" gin_trgm_ops)' })
@Index({ name: 'learning_resource_topics_index', expression: 'create index "learning_resource_topics_index" on "learning_resource" using gin ("topics")' })
export class LearningResource extends BaseEntity<
  'description' | 'audiences' | 'language' | 'licence' | 'status' | 'asset' | 'linkUrl' | 'transcript' | 'viewCount' | 'downloadCount' | 'publishedAt' | 'withdrawnAt' | 'searchText'
> {
  @ManyToOne(() => Institution)
  institution!: Institution;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Enum({ items: () => ResourceKind })
  kind!: ResourceKind;

  @Enum({ items: () => Topic, array: true })
  topics!: Topic[];

  @Enum({ items: () => Audience, array: true, default: [] })
  audiences: Audience[] = [];

  @Property({ type: 'string', length: 16, default: 'vi' })
  language: string = 'vi';

  @Enum({ items: () => Licence, default: Licence.ALL_RIGHTS_RESERVED })
  licence: Licence = Licence.ALL_RIGHTS_RESERVED;

  @Enum({ items: () => ResourceStatus, default: ResourceStatus.DRAFT })
  status: ResourceStatus = ResourceStatus.DRAFT;

  @ManyToOne(() => MediaAsset, { nullable: true })
  asset: MediaAsset | null = null;

  /** For LINK resources: where the resource lives. */
  @Property({ type: 'string', length: 2000, nullable: true })
  linkUrl: string | null = null;

  /** What is said in a video or audio, written out (also searched). */
  @Property({ type: 'text', nullable: true })
  transcript: string | null = null;

  @Property({ type: 'integer', default: 0 })
  viewCount: number = 0;

  @Property({ type: 'integer', default: 0 })
  downloadCount: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;

  @Property({
    type: 'text',
    generated: "(immutable_unaccent(lower(title || ' ' || coalesce(description, '') || ' ' || coalesce(transcript, '')))) stored",
    hidden: true,
  })
  searchText?: string;
}

/** One account's use of a resource on one day (Vietnam time): counted once, however often repeated. */
@Entity({ tableName: 'resource_usage' })
@Unique({ properties: ['resource', 'accountId', 'day', 'kind'] })
export class ResourceUsage extends BaseEntity {
  @ManyToOne(() => LearningResource, { deleteRule: 'cascade' })
  resource!: LearningResource;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'date' })
  day!: string;

  @Enum({ items: () => ResourceUsageKind })
  kind!: ResourceUsageKind;
}
