import { BigIntType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';
import { Institution } from '../catalogue/institutions/institution.entity';
import { MediaKind, UploadStatus } from './media.enums';
import { MediaAsset } from './media-asset.entity';

/**
 * A file a client was allowed to put in object storage, until it is completed: into an
 * institution's media asset, or by another domain (a report's attachment, institution null).
 */
@Entity({ tableName: 'media_upload' })
@Index({ properties: ['status', 'expiresAt'] })
export class Upload extends BaseEntity<'status' | 'sha256' | 'asset'> {
  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'no action' })
  institution!: Institution | null;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'string', length: 255 })
  filename!: string;

  /** As the client declared it. */
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Enum({ items: () => MediaKind })
  kind!: MediaKind;

  @Property({ type: new BigIntType('number') })
  sizeBytes!: number;

  @Property({ type: 'string', length: 64, nullable: true })
  sha256: string | null = null;

  @Property({ type: 'string', length: 300 })
  key!: string;

  @Enum({ items: () => UploadStatus, default: UploadStatus.PENDING })
  status: UploadStatus = UploadStatus.PENDING;

  @ManyToOne(() => MediaAsset, { nullable: true })
  asset: MediaAsset | null = null;

  /** When the presigned PUT URL stops working. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
