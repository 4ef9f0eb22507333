import { Migration } from '@mikro-orm/migrations';

export class Migration20261128173549_catalogue extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(254) null, "phone" varchar(16) null, "password_hash" varchar(100) not null, "display_name" varchar(200) not null, "disabled_at" timestamptz null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`alter table "account" add constraint "account_email_unique" unique ("email");`);
    this.addSql(`alter table "account" add constraint "account_phone_unique" unique ("phone");`);

    this.addSql(`create table "administrative_unit" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(32) not null, "name" varchar(200) not null, "level" text check ("level" in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')) not null, "parent_id" uuid null, "path" text not null, "valid_from" date null, "valid_to" date null, "successor_id" uuid null, "successor_code" varchar(32) null, "disadvantaged" boolean not null default false, "search_text" text generated always as (immutable_unaccent(lower(name))) stored not null, constraint "administrative_unit_pkey" primary key ("id"));`);
    this.addSql(`create index "administrative_unit_search_index" on "administrative_unit" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "administrative_unit_path_index" on "administrative_unit" ("path" text_pattern_ops);`);
    this.addSql(`create index "administrative_unit_code_index" on "administrative_unit" ("code");`);

    this.addSql(`create table "institution" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(300) not null, "kind" text check ("kind" in ('LIBRARY', 'MUSEUM', 'CULTURAL_CENTRE', 'CULTURE_SPORTS_LEARNING_CENTRE', 'COMMUNITY_LEARNING_CENTRE', 'CONTINUING_EDUCATION_CENTRE', 'SCHOOL', 'CLUB', 'OTHER')) not null, "description" text null, "address" varchar(500) null, "unit_id" uuid not null, "latitude" double precision null, "longitude" double precision null, "opening_hours" varchar(1000) null, "phone" varchar(32) null, "email" varchar(254) null, "website" varchar(500) null, "accessibility" text[] not null default '{}', "status" text check ("status" in ('ACTIVE', 'TEMPORARILY_CLOSED', 'CLOSED')) not null default 'ACTIVE', "search_text" text generated always as (immutable_unaccent(lower(name || ' ' || coalesce(address, '') || ' ' || coalesce(description, '')))) stored not null, constraint "institution_pkey" primary key ("id"), constraint institution_location_range check (latitude between -90 and 90 and longitude between -180 and 180), constraint institution_location_pair check ((latitude is null) = (longitude is null)));`);
    this.addSql(`create index "institution_name_order_index" on "institution" ("name", "id");`);
    this.addSql(`create index "institution_location_index" on "institution" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null;`);
    this.addSql(`create index "institution_search_index" on "institution" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "institution_unit_id_index" on "institution" ("unit_id");`);

    this.addSql(`create table "programme" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "institution_id" uuid not null, "title" varchar(300) not null, "description" text null, "kind" text check ("kind" in ('COURSE', 'WORKSHOP', 'EXHIBITION', 'TALK', 'READING_SESSION', 'CLUB_MEETING', 'ONLINE_COURSE')) not null, "topics" text[] not null, "audiences" text[] not null default '{}', "format" text check ("format" in ('IN_PERSON', 'ONLINE', 'HYBRID')) not null, "language" varchar(16) not null default 'vi', "fee_vnd" int not null default 0, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'CANCELLED')) not null default 'DRAFT', "published_at" timestamptz null, "cancelled_at" timestamptz null, "cancellation_reason" varchar(1000) null, "search_text" text generated always as (immutable_unaccent(lower(title || ' ' || coalesce(description, '')))) stored not null, constraint "programme_pkey" primary key ("id"));`);
    this.addSql(`create index "programme_topics_index" on "programme" using gin ("topics");`);
    this.addSql(`create index "programme_search_index" on "programme" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "programme_institution_id_status_index" on "programme" ("institution_id", "status");`);

    this.addSql(`create table "programme_session" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "programme_id" uuid not null, "institution_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "place" varchar(300) null, "capacity" int null, "credited_hours" numeric(4,2) not null, "status" text check ("status" in ('SCHEDULED', 'CANCELLED')) not null default 'SCHEDULED', "series_id" uuid null, constraint "programme_session_pkey" primary key ("id"), constraint programme_session_credited_hours_range check (credited_hours >= 0 and credited_hours <= 12), constraint programme_session_capacity_not_negative check (capacity is null or capacity >= 0), constraint programme_session_ends_after_start check (ends_at > starts_at));`);
    this.addSql(`create index "programme_session_starts_at_id_index" on "programme_session" ("starts_at", "id");`);
    this.addSql(`create index "programme_session_institution_id_starts_at_index" on "programme_session" ("institution_id", "starts_at");`);
    this.addSql(`create index "programme_session_programme_id_starts_at_index" on "programme_session" ("programme_id", "starts_at");`);

    this.addSql(`create table "refresh_token" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "refresh_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "role_grant" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "role" text check ("role" in ('CITIZEN', 'INSTITUTION_STAFF', 'ASSESSOR', 'PROVINCE_ADMIN')) not null, "institution_id" uuid null, "unit_id" uuid null, "granted_by_id" uuid null, constraint "role_grant_pkey" primary key ("id"));`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_account_id_role_institution_id_unit_id_unique" unique ("account_id", "role", "institution_id", "unit_id");`);

    this.addSql(`alter table "administrative_unit" add constraint "administrative_unit_parent_id_foreign" foreign key ("parent_id") references "administrative_unit" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "administrative_unit" add constraint "administrative_unit_successor_id_foreign" foreign key ("successor_id") references "administrative_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "institution" add constraint "institution_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);

    this.addSql(`alter table "programme" add constraint "programme_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade;`);

    this.addSql(`alter table "programme_session" add constraint "programme_session_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`);
    this.addSql(`alter table "programme_session" add constraint "programme_session_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade;`);

    this.addSql(`alter table "refresh_token" add constraint "refresh_token_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "role_grant" add constraint "role_grant_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_granted_by_id_foreign" foreign key ("granted_by_id") references "account" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_account_id_foreign";`);

    this.addSql(`alter table "role_grant" drop constraint "role_grant_account_id_foreign";`);

    this.addSql(`alter table "role_grant" drop constraint "role_grant_granted_by_id_foreign";`);

    this.addSql(`alter table "administrative_unit" drop constraint "administrative_unit_parent_id_foreign";`);

    this.addSql(`alter table "administrative_unit" drop constraint "administrative_unit_successor_id_foreign";`);

    this.addSql(`alter table "institution" drop constraint "institution_unit_id_foreign";`);

    this.addSql(`alter table "role_grant" drop constraint "role_grant_unit_id_foreign";`);

    this.addSql(`alter table "programme" drop constraint "programme_institution_id_foreign";`);

    this.addSql(`alter table "programme_session" drop constraint "programme_session_institution_id_foreign";`);

    this.addSql(`alter table "role_grant" drop constraint "role_grant_institution_id_foreign";`);

    this.addSql(`alter table "programme_session" drop constraint "programme_session_programme_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "administrative_unit" cascade;`);

    this.addSql(`drop table if exists "institution" cascade;`);

    this.addSql(`drop table if exists "programme" cascade;`);

    this.addSql(`drop table if exists "programme_session" cascade;`);

    this.addSql(`drop table if exists "refresh_token" cascade;`);

    this.addSql(`drop table if exists "role_grant" cascade;`);
  }

}
