import { Migration } from '@mikro-orm/migrations';

export class Migration20261206124624_reports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_period" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('ANNUAL', 'INTERIM_REVIEW', 'FINAL_REVIEW')) not null, "from_year" int not null, "to_year" int not null, "cut_off_date" date not null, "due_date" date not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "opened_by_id" uuid null, constraint "report_period_pkey" primary key ("id"), constraint report_period_years check (from_year <= to_year));`);
    this.addSql(`alter table "report_period" add constraint "report_period_kind_from_year_to_year_unique" unique ("kind", "from_year", "to_year");`);

    this.addSql(`create table "reporting_body" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "period_id" uuid not null, "body_id" uuid not null, constraint "reporting_body_pkey" primary key ("id"));`);
    this.addSql(`create index "reporting_body_body_id_index" on "reporting_body" ("body_id");`);
    this.addSql(`alter table "reporting_body" add constraint "reporting_body_period_id_body_id_unique" unique ("period_id", "body_id");`);

    this.addSql(`create table "report_reminder" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "period_id" uuid not null, "body_id" uuid not null, "sent_by_id" uuid null, constraint "report_reminder_pkey" primary key ("id"));`);
    this.addSql(`create index "report_reminder_period_id_body_id_index" on "report_reminder" ("period_id", "body_id");`);

    this.addSql(`create table "report_snapshot" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "figures" jsonb not null, "basis" jsonb not null, "checksum" varchar(64) not null, "computed_at" timestamptz not null, constraint "report_snapshot_pkey" primary key ("id"));`);

    this.addSql(`create table "report" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "period_id" uuid not null, "body_id" uuid not null, "version" int not null, "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED')) not null default 'DRAFT', "achievements" text null, "policies" text null, "propaganda" text null, "models" text null, "difficulties" text null, "proposals" text null, "prepared_by_id" uuid null, "snapshot_id" uuid null, "submitted_at" timestamptz null, "submitted_by_id" uuid null, "late" boolean not null default false, "reviewed_at" timestamptz null, "reviewed_by_id" uuid null, "return_reason" text null, constraint "report_pkey" primary key ("id"));`);
    this.addSql(`alter table "report" add constraint "report_snapshot_id_unique" unique ("snapshot_id");`);
    this.addSql(`create index "report_body_id_index" on "report" ("body_id");`);
    this.addSql(`alter table "report" add constraint "report_period_id_body_id_version_unique" unique ("period_id", "body_id", "version");`);

    this.addSql(`create table "consolidated_report" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "period_id" uuid not null, "version" int not null, "snapshot_id" uuid not null, "report_ids" text[] not null, "missing_body_ids" text[] not null, "created_by_id" uuid null, constraint "consolidated_report_pkey" primary key ("id"));`);
    this.addSql(`alter table "consolidated_report" add constraint "consolidated_report_snapshot_id_unique" unique ("snapshot_id");`);
    this.addSql(`alter table "consolidated_report" add constraint "consolidated_report_period_id_version_unique" unique ("period_id", "version");`);

    this.addSql(`alter table "report_period" add constraint "report_period_opened_by_id_foreign" foreign key ("opened_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "reporting_body" add constraint "reporting_body_period_id_foreign" foreign key ("period_id") references "report_period" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reporting_body" add constraint "reporting_body_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "report_reminder" add constraint "report_reminder_period_id_foreign" foreign key ("period_id") references "report_period" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "report_reminder" add constraint "report_reminder_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "report_reminder" add constraint "report_reminder_sent_by_id_foreign" foreign key ("sent_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "report" add constraint "report_period_id_foreign" foreign key ("period_id") references "report_period" ("id") on update cascade;`);
    this.addSql(`alter table "report" add constraint "report_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade;`);
    this.addSql(`alter table "report" add constraint "report_prepared_by_id_foreign" foreign key ("prepared_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "report" add constraint "report_snapshot_id_foreign" foreign key ("snapshot_id") references "report_snapshot" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "report" add constraint "report_submitted_by_id_foreign" foreign key ("submitted_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "report" add constraint "report_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "consolidated_report" add constraint "consolidated_report_period_id_foreign" foreign key ("period_id") references "report_period" ("id") on update cascade;`);
    this.addSql(`alter table "consolidated_report" add constraint "consolidated_report_snapshot_id_foreign" foreign key ("snapshot_id") references "report_snapshot" ("id") on update cascade;`);
    this.addSql(`alter table "consolidated_report" add constraint "consolidated_report_created_by_id_foreign" foreign key ("created_by_id") references "account" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reporting_body" drop constraint "reporting_body_period_id_foreign";`);

    this.addSql(`alter table "report_reminder" drop constraint "report_reminder_period_id_foreign";`);

    this.addSql(`alter table "report" drop constraint "report_period_id_foreign";`);

    this.addSql(`alter table "consolidated_report" drop constraint "consolidated_report_period_id_foreign";`);

    this.addSql(`alter table "report" drop constraint "report_snapshot_id_foreign";`);

    this.addSql(`alter table "consolidated_report" drop constraint "consolidated_report_snapshot_id_foreign";`);

    this.addSql(`drop table if exists "report_period" cascade;`);

    this.addSql(`drop table if exists "reporting_body" cascade;`);

    this.addSql(`drop table if exists "report_reminder" cascade;`);

    this.addSql(`drop table if exists "report_snapshot" cascade;`);

    this.addSql(`drop table if exists "report" cascade;`);

    this.addSql(`drop table if exists "consolidated_report" cascade;`);
  }

}
