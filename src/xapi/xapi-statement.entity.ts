import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { StatementLearning } from './xapi.enums';

/**
 * One xAPI statement as the LRS stored it (with `stored`, `authority` and `version`), plus the
 * columns the GET filters read: the statement itself is never queried inside its JSON.
 */
@Entity({ tableName: 'xapi_statement' })
@Index({ name: 'xapi_statement_stored_index', properties: ['stored', 'id'] })
// A verb is common (a handful serve most statements): its page is the index walked in page order, not a sort of every
// match; voided statements are left out of the index as the query leaves them out.
@Index({ name: 'xapi_statement_verb_index', expression: 'create index "xapi_statement_verb_index" on "xapi_statement" ("verb_id", "stored", "id") where not "voided"' })
@Index({ name: 'xapi_statement_activity_index', properties: ['activityId', 'stored'] })
@Index({ name: 'xapi_statement_registration_index', properties: ['registration', 'stored'] })
@Index({ name: 'xapi_statement_voids_index', properties: ['voidsId'] })
@Index({ name: 'xapi_statement_target_index', expression: 'create index "xapi_statement_target_index" on "xapi_statement" ("target_id") where "target_id" is not null' })
// The StatementRefs in page order: for a key common among their targets (a verb), walking them and testing the key
// reads a page's worth of rows, where the GIN index below fetches every ref that has it (a rare key's better path).
@Index({ name: 'xapi_statement_ref_stored_index', expression: 'create index "xapi_statement_ref_stored_index" on "xapi_statement" ("stored", "id") where "target_filter_keys" is not null' })
@Index({ name: 'xapi_statement_target_filter_index', expression: 'create index "xapi_statement_target_filter_index" on "xapi_statement" using gin ("target_filter_keys") where "target_filter_keys" is not null' })
@Index({ name: 'xapi_statement_agents_index', expression: 'create index "xapi_statement_agents_index" on "xapi_statement" using gin ("agent_keys")' })
@Index({ name: 'xapi_statement_related_agents_index', expression: 'create index "xapi_statement_related_agents_index" on "xapi_statement" using gin ("related_agent_keys")' })
@Index({ name: 'xapi_statement_related_activities_index', expression: 'create index "xapi_statement_related_activities_index" on "xapi_statement" using gin ("related_activity_ids")' })
export class XapiStatement {
  [OptionalProps]?: 'voided' | 'activityId' | 'registration' | 'voidsId' | 'targetId' | 'targetFilterKeys' | 'learningLogId' | 'learningReason';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The statement as GET returns it with format=exact. */
  @Property({ type: 'json' })
  statement!: Record<string, unknown>;

  /** SHA-256 of the statement as it was sent, to tell a resent statement from a different one with the same id. */
  @Property({ type: 'string', length: 64 })
  sentHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  stored!: Date;

  @Property({ type: 'text' })
  verbId!: string;

  /** The object's id when the object is an activity. */
  @Property({ type: 'text', nullable: true })
  activityId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  registration: string | null = null;

  /** Identifier keys (see agent-keys.ts) of the actor and of an agent object, with a group's members. */
  @Property({ type: 'text[]' })
  agentKeys!: string[];

  /** …and of every agent the statement names: context, authority, a sub-statement's. */
  @Property({ type: 'text[]' })
  relatedAgentKeys!: string[];

  /** The object activity, context activities and a sub-statement's. */
  @Property({ type: 'text[]' })
  relatedActivityIds!: string[];

  /** The statement a voiding statement voids. */
  @Property({ type: 'uuid', nullable: true })
  voidsId: string | null = null;

  /** The statement a StatementRef object names (a voiding statement's too). */
  @Property({ type: 'uuid', nullable: true })
  targetId: string | null = null;

  /** The filter keys (statement-index.ts) of the statement `targetId` names, once both are stored. */
  @Property({ type: 'text[]', nullable: true })
  targetFilterKeys: string[] | null = null;

  @Property({ type: 'boolean', default: false })
  voided = false;

  /** The API client whose key sent it: the statement's authority. */
  @Property({ type: 'uuid' })
  clientId!: string;

  @Enum({ items: () => StatementLearning })
  learning!: StatementLearning;

  /** The learning log it created. */
  @Property({ type: 'uuid', nullable: true })
  learningLogId: string | null = null;

  /** Why a REFUSED statement made no log: the code and message of the rule its log broke. */
  @Property({ type: 'text', nullable: true })
  learningReason: string | null = null;
}
