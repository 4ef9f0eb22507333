import { BigIntType, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';
import { Institution } from '../catalogue/institutions/institution.entity';
import { MediaFailureReason, MediaKind, MediaStatus, MediaStepName, RenditionFormat, RenditionKind } from './media.enums';

/** An original file in object storage; its steps make its renditions and read its details. */
@Entity({ tableName: 'media_asset' })
@Index({ properties: ['institution', 'createdAt'] })
export class MediaAsset extends BaseEntity<
  'status' | 'sha256' | 'width' | 'height' | 'durationSeconds' | 'pages' | 'videoCodec' | 'audioCodec' | 'placeholder' | 'waveform'
> {
  @ManyToOne(() => Institution)
  institution!: Institution;

  /** The account that uploaded it. */
  @Property({ type: 'uuid' })
  uploadedBy!: string;

  @Enum({ items: () => MediaKind })
  kind!: MediaKind;

  @Enum({ items: () => MediaStatus, default: MediaStatus.PENDING })
  status: MediaStatus = MediaStatus.PENDING;

  @Property({ type: 'string', length: 300 })
  originalKey!: string;

  /** The type read from the file's first bytes, not the one the client declared. */
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Property({ type: 'string', length: 255 })
  filename!: string;

  @Property({ type: new BigIntType('number') })
  sizeBytes!: number;

  @Property({ type: 'string', length: 64, nullable: true })
  sha256: string | null = null;

  @Property({ type: 'integer', nullable: true })
  width: number | null = null;

  @Property({ type: 'integer', nullable: true })
  height: number | null = null;

  @Property({ type: 'double', nullable: true })
  durationSeconds: number | null = null;

  @Property({ type: 'integer', nullable: true })
  pages: number | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  videoCodec: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  audioCodec: string | null = null;

  /** A ~30-character BlurHash of the image or poster, drawn while the real image loads. */
  @Property({ type: 'string', length: 100, nullable: true })
  placeholder: string | null = null;

  /** Peaks of the audio from 0 to 1, for players to draw. */
  @Property({ type: 'json', nullable: true })
  waveform: number[] | null = null;
}

/** One step of an asset's processing: its state is the truth, whatever BullMQ holds. */
@Entity({ tableName: 'media_step' })
@Unique({ properties: ['asset', 'name'] })
@Index({ properties: ['status', 'updatedAt'] })
export class MediaStep extends BaseEntity<'status' | 'attempts' | 'dispatch' | 'error' | 'failureReason'> {
  @ManyToOne(() => MediaAsset, { deleteRule: 'cascade' })
  asset!: MediaAsset;

  @Enum({ items: () => MediaStepName })
  name!: MediaStepName;

  @Enum({ items: () => MediaStatus, default: MediaStatus.PENDING })
  status: MediaStatus = MediaStatus.PENDING;

  /** Runs started since it was last queued fresh. */
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  /** How many times it was queued; part of the job id, so a re-queued step gets a new job and an old one is recognised as stale. */
  @Property({ type: 'integer', default: 1 })
  dispatch: number = 1;

  /** The tool's own words: for the log and province administrators only (they may hold server paths). */
  @Property({ type: 'string', length: 1000, nullable: true })
  error: string | null = null;

  /** Why it failed (or why its last attempt failed), as a code shown to people. */
  @Enum({ items: () => MediaFailureReason, nullable: true })
  failureReason: MediaFailureReason | null = null;
}

/** A file made from an asset: a thumbnail, a poster, a web video or an audio track. */
@Entity({ tableName: 'media_rendition' })
@Unique({ properties: ['asset', 'name'] })
export class MediaRendition extends BaseEntity<'width' | 'height'> {
  @ManyToOne(() => MediaAsset, { deleteRule: 'cascade' })
  asset!: MediaAsset;

  /** Unique per asset, e.g. `thumbnail-480`, `video-360p`. */
  @Property({ type: 'string', length: 50 })
  name!: string;

  @Enum({ items: () => RenditionKind })
  kind!: RenditionKind;

  @Enum({ items: () => RenditionFormat })
  format!: RenditionFormat;

  @Property({ type: 'integer', nullable: true })
  width: number | null = null;

  @Property({ type: 'integer', nullable: true })
  height: number | null = null;

  @Property({ type: 'string', length: 300 })
  key!: string;

  @Property({ type: new BigIntType('number') })
  sizeBytes!: number;
}

/** The text of a document, apart from the asset so lists never read it. */
@Entity({ tableName: 'media_text' })
@Index({ name: 'media_text_search_index', expression: 'create index "media_text_search_index" on "media_text" using gin ("search_text" gin_trgm_ops)' })
export class MediaText {
  @ManyToOne(() => MediaAsset, { primary: true, deleteRule: 'cascade' })
  asset!: MediaAsset;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', generated: '(immutable_unaccent(lower(text))) stored', hidden: true, nullable: true })
  searchText?: string;
}
