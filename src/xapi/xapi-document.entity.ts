import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DocumentKind } from './xapi.enums';

/**
 * A document of the State, Activity Profile or Agent Profile resource. Absent parts of its key
 * (no agent for an activity profile, no registration) are '' so the unique key holds.
 */
@Entity({ tableName: 'xapi_document' })
@Unique({ name: 'xapi_document_key_unique', properties: ['kind', 'activityId', 'agentKey', 'registration', 'documentId'] })
@Index({ name: 'xapi_document_list_index', properties: ['kind', 'activityId', 'agentKey', 'updatedAt'] })
export class XapiDocument {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => DocumentKind })
  kind!: DocumentKind;

  @Property({ type: 'text' })
  activityId!: string;

  @Property({ type: 'text' })
  agentKey!: string;

  @Property({ type: 'string', length: 36 })
  registration!: string;

  @Property({ type: 'text' })
  documentId!: string;

  @Property({ type: 'string', length: 255 })
  contentType!: string;

  @Property({ type: 'blob' })
  content!: Buffer;

  /** SHA-1 of the content, as the spec's examples; quoted in the ETag header. */
  @Property({ type: 'string', length: 40 })
  etag!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  updatedAt!: Date;
}
