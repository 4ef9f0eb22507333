import { Migration } from '@mikro-orm/migrations';

export class Migration20261207094132_xapi_lrs extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "xapi_learning_mapping" ("id" uuid not null, "verb_id" text not null, "activity_type" text not null, "result" text check ("result" in ('PARTICIPATED', 'COMPLETED')) not null, "default_hours" numeric(4,2) not null, "topic" text check ("topic" in ('DIGITAL_SKILLS', 'FOREIGN_LANGUAGE', 'LAW', 'LIFE_SKILLS', 'VOCATIONAL', 'HEALTH', 'CULTURE_HISTORY', 'AGRICULTURE', 'POLITICS_CIVICS', 'OTHER')) not null, constraint "xapi_learning_mapping_pkey" primary key ("id"));`);
    this.addSql(`alter table "xapi_learning_mapping" add constraint "xapi_learning_mapping_unique" unique ("verb_id", "activity_type");`);

    this.addSql(`create table "xapi_activity" ("id" text not null, "definition" jsonb not null, constraint "xapi_activity_pkey" primary key ("id"));`);

    this.addSql(`create table "xapi_attachment" ("sha2" varchar(128) not null, "content_type" varchar(255) not null, "content" bytea not null, "created_at" timestamptz not null, constraint "xapi_attachment_pkey" primary key ("sha2"));`);

    this.addSql(`create table "xapi_document" ("id" uuid not null, "kind" text check ("kind" in ('STATE', 'ACTIVITY_PROFILE', 'AGENT_PROFILE')) not null, "activity_id" text not null, "agent_key" text not null, "registration" varchar(36) not null, "document_id" text not null, "content_type" varchar(255) not null, "content" bytea not null, "etag" varchar(40) not null, "updated_at" timestamptz(3) not null, constraint "xapi_document_pkey" primary key ("id"));`);
    this.addSql(`create index "xapi_document_list_index" on "xapi_document" ("kind", "activity_id", "agent_key", "updated_at");`);
    this.addSql(`alter table "xapi_document" add constraint "xapi_document_key_unique" unique ("kind", "activity_id", "agent_key", "registration", "document_id");`);

    this.addSql(`create table "xapi_statement" ("id" uuid not null, "statement" jsonb not null, "sent_hash" varchar(64) not null, "stored" timestamptz(3) not null, "verb_id" text not null, "activity_id" text null, "registration" uuid null, "agent_keys" text[] not null, "related_agent_keys" text[] not null, "related_activity_ids" text[] not null, "voids_id" uuid null, "voided" boolean not null default false, "client_id" uuid not null, "learning" text check ("learning" in ('LOGGED', 'UNMAPPED', 'UNKNOWN_PERSON', 'UNTRUSTED_CLIENT', 'REFUSED', 'NOT_LEARNING')) not null, "learning_log_id" uuid null, constraint "xapi_statement_pkey" primary key ("id"));`);
    this.addSql(`create index "xapi_statement_related_activities_index" on "xapi_statement" using gin ("related_activity_ids");`);
    this.addSql(`create index "xapi_statement_related_agents_index" on "xapi_statement" using gin ("related_agent_keys");`);
    this.addSql(`create index "xapi_statement_agents_index" on "xapi_statement" using gin ("agent_keys");`);
    this.addSql(`create index "xapi_statement_voids_index" on "xapi_statement" ("voids_id");`);
    this.addSql(`create index "xapi_statement_registration_index" on "xapi_statement" ("registration", "stored");`);
    this.addSql(`create index "xapi_statement_activity_index" on "xapi_statement" ("activity_id", "stored");`);
    this.addSql(`create index "xapi_statement_verb_index" on "xapi_statement" ("verb_id", "stored");`);
    this.addSql(`create index "xapi_statement_stored_index" on "xapi_statement" ("stored", "id");`);

    this.addSql(`alter table "api_client" add column "statement_trust" text check ("statement_trust" in ('UNTRUSTED', 'PENDING', 'VERIFIED')) not null default 'UNTRUSTED';`);

    // The province's first mapping of statements to learning; more rows are data, added as platforms join.
    this.addSql(`insert into "xapi_learning_mapping" ("id", "verb_id", "activity_type", "result", "default_hours", "topic") values
      (gen_random_uuid(), 'http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/activities/course', 'COMPLETED', 2, 'OTHER'),
      (gen_random_uuid(), 'http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/activities/course', 'COMPLETED', 2, 'OTHER'),
      (gen_random_uuid(), 'http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/activities/module', 'COMPLETED', 1, 'OTHER'),
      (gen_random_uuid(), 'http://adlnet.gov/expapi/verbs/attended', 'http://adlnet.gov/expapi/activities/meeting', 'PARTICIPATED', 2, 'OTHER'),
      (gen_random_uuid(), 'http://id.tincanapi.com/verb/earned', 'http://id.tincanapi.com/activitytype/certificate', 'COMPLETED', 2, 'OTHER');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "xapi_learning_mapping" cascade;`);

    this.addSql(`drop table if exists "xapi_activity" cascade;`);

    this.addSql(`drop table if exists "xapi_attachment" cascade;`);

    this.addSql(`drop table if exists "xapi_document" cascade;`);

    this.addSql(`drop table if exists "xapi_statement" cascade;`);

    this.addSql(`alter table "api_client" drop column "statement_trust";`);
  }

}
