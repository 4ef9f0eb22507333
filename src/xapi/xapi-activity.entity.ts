import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The definition of an activity, as the statements that named it defined it (later ones win), for GET /activities. */
@Entity({ tableName: 'xapi_activity' })
export class XapiActivity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'json' })
  definition!: Record<string, unknown>;
}
