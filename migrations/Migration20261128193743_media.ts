import { Migration } from '@mikro-orm/migrations';

export class Migration20261128193743_media extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "media_asset" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "institution_id" uuid not null, "uploaded_by" uuid not null, "kind" text check ("kind" in ('IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT')) not null, "status" text check ("status" in ('PENDING', 'PROCESSING', 'READY', 'FAILED')) not null default 'PENDING', "original_key" varchar(300) not null, "content_type" varchar(100) not null, "filename" varchar(255) not null, "size_bytes" bigint not null, "sha256" varchar(64) null, "width" int null, "height" int null, "duration_seconds" double precision null, "pages" int null, "video_codec" varchar(50) null, "audio_codec" varchar(50) null, "placeholder" varchar(100) null, "waveform" jsonb null, constraint "media_asset_pkey" primary key ("id"));`);
    this.addSql(`create index "media_asset_institution_id_created_at_index" on "media_asset" ("institution_id", "created_at");`);

    this.addSql(`create table "learning_resource" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "institution_id" uuid not null, "title" varchar(300) not null, "description" text null, "kind" text check ("kind" in ('VIDEO', 'AUDIO', 'DOCUMENT', 'IMAGE', 'EBOOK', 'LINK')) not null, "topics" text[] not null, "audiences" text[] not null default '{}', "language" varchar(16) not null default 'vi', "licence" text check ("licence" in ('CC_BY', 'CC_BY_SA', 'CC_BY_NC', 'CC_BY_NC_SA', 'CC_BY_ND', 'CC_BY_NC_ND', 'CC0', 'ALL_RIGHTS_RESERVED')) not null default 'ALL_RIGHTS_RESERVED', "status" text check ("status" in ('DRAFT', 'PROCESSING', 'PUBLISHED', 'FAILED', 'WITHDRAWN')) not null default 'DRAFT', "asset_id" uuid null, "link_url" varchar(2000) null, "transcript" text null, "view_count" int not null default 0, "download_count" int not null default 0, "published_at" timestamptz null, "withdrawn_at" timestamptz null, "search_text" text generated always as (immutable_unaccent(lower(title || ' ' || coalesce(description, '') || ' ' || coalesce(transcript, '')))) stored not null, constraint "learning_resource_pkey" primary key ("id"));`);
    this.addSql(`create index "learning_resource_topics_index" on "learning_resource" using gin ("topics");`);
    this.addSql(`create index "learning_resource_search_index" on "learning_resource" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "learning_resource_asset_id_index" on "learning_resource" ("asset_id");`);
    this.addSql(`create index "learning_resource_institution_id_status_index" on "learning_resource" ("institution_id", "status");`);

    this.addSql(`create table "media_rendition" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "asset_id" uuid not null, "name" varchar(50) not null, "kind" text check ("kind" in ('THUMBNAIL', 'POSTER', 'VIDEO', 'AUDIO')) not null, "format" text check ("format" in ('WEBP', 'JPEG', 'MP4', 'M4A')) not null, "width" int null, "height" int null, "key" varchar(300) not null, "size_bytes" bigint not null, constraint "media_rendition_pkey" primary key ("id"));`);
    this.addSql(`alter table "media_rendition" add constraint "media_rendition_asset_id_name_unique" unique ("asset_id", "name");`);

    this.addSql(`create table "media_step" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "asset_id" uuid not null, "name" text check ("name" in ('IMAGE_RENDITIONS', 'DOCUMENT_PREVIEW', 'DOCUMENT_TEXT', 'VIDEO_PROBE', 'VIDEO_360P', 'VIDEO_720P', 'AUDIO_TRACK', 'AUDIO_PROBE')) not null, "status" text check ("status" in ('PENDING', 'PROCESSING', 'READY', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "dispatch" int not null default 1, "error" varchar(1000) null, constraint "media_step_pkey" primary key ("id"));`);
    this.addSql(`create index "media_step_status_updated_at_index" on "media_step" ("status", "updated_at");`);
    this.addSql(`alter table "media_step" add constraint "media_step_asset_id_name_unique" unique ("asset_id", "name");`);

    this.addSql(`create table "media_text" ("asset_id" uuid not null, "text" text not null, "search_text" text generated always as (immutable_unaccent(lower(text))) stored null, constraint "media_text_pkey" primary key ("asset_id"));`);
    this.addSql(`create index "media_text_search_index" on "media_text" using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "job_outbox" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "queue" varchar(100) not null, "job_name" varchar(100) not null, "job_id" varchar(200) not null, "data" jsonb not null, "priority" int not null default 1, "attempts" int not null default 0, "last_error" varchar(1000) null, constraint "job_outbox_pkey" primary key ("id"));`);
    this.addSql(`create index "job_outbox_created_at_index" on "job_outbox" ("created_at");`);

    this.addSql(`create table "resource_usage" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "resource_id" uuid not null, "account_id" uuid not null, "day" date not null, "kind" text check ("kind" in ('VIEW', 'DOWNLOAD')) not null, constraint "resource_usage_pkey" primary key ("id"));`);
    this.addSql(`alter table "resource_usage" add constraint "resource_usage_resource_id_account_id_day_kind_unique" unique ("resource_id", "account_id", "day", "kind");`);

    this.addSql(`create table "media_upload" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "institution_id" uuid not null, "account_id" uuid not null, "filename" varchar(255) not null, "content_type" varchar(100) not null, "kind" text check ("kind" in ('IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT')) not null, "size_bytes" bigint not null, "sha256" varchar(64) null, "key" varchar(300) not null, "status" text check ("status" in ('PENDING', 'COMPLETED')) not null default 'PENDING', "asset_id" uuid null, "expires_at" timestamptz not null, constraint "media_upload_pkey" primary key ("id"));`);
    this.addSql(`create index "media_upload_status_expires_at_index" on "media_upload" ("status", "expires_at");`);

    this.addSql(`alter table "media_asset" add constraint "media_asset_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade;`);

    this.addSql(`alter table "learning_resource" add constraint "learning_resource_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade;`);
    this.addSql(`alter table "learning_resource" add constraint "learning_resource_asset_id_foreign" foreign key ("asset_id") references "media_asset" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "media_rendition" add constraint "media_rendition_asset_id_foreign" foreign key ("asset_id") references "media_asset" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "media_step" add constraint "media_step_asset_id_foreign" foreign key ("asset_id") references "media_asset" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "media_text" add constraint "media_text_asset_id_foreign" foreign key ("asset_id") references "media_asset" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "resource_usage" add constraint "resource_usage_resource_id_foreign" foreign key ("resource_id") references "learning_resource" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "media_upload" add constraint "media_upload_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade;`);
    this.addSql(`alter table "media_upload" add constraint "media_upload_asset_id_foreign" foreign key ("asset_id") references "media_asset" ("id") on update cascade on delete set null;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "learning_resource" drop constraint "learning_resource_asset_id_foreign";`);

    this.addSql(`alter table "media_rendition" drop constraint "media_rendition_asset_id_foreign";`);

    this.addSql(`alter table "media_step" drop constraint "media_step_asset_id_foreign";`);

    this.addSql(`alter table "media_text" drop constraint "media_text_asset_id_foreign";`);

    this.addSql(`alter table "media_upload" drop constraint "media_upload_asset_id_foreign";`);

    this.addSql(`alter table "resource_usage" drop constraint "resource_usage_resource_id_foreign";`);

    this.addSql(`drop table if exists "media_asset" cascade;`);

    this.addSql(`drop table if exists "learning_resource" cascade;`);

    this.addSql(`drop table if exists "media_rendition" cascade;`);

    this.addSql(`drop table if exists "media_step" cascade;`);

    this.addSql(`drop table if exists "media_text" cascade;`);

    this.addSql(`drop table if exists "job_outbox" cascade;`);

    this.addSql(`drop table if exists "resource_usage" cascade;`);

    this.addSql(`drop table if exists "media_upload" cascade;`);

  }

}
