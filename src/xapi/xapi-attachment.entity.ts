import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** An attachment's content, kept once per SHA-2 however many statements carry it. */
@Entity({ tableName: 'xapi_attachment' })
export class XapiAttachment {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string', length: 128 })
  sha2!: string;

  @Property({ type: 'string', length: 255 })
  contentType!: string;

  @Property({ type: 'blob' })
  content!: Buffer;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}
