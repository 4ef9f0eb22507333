import { Migration } from '@mikro-orm/migrations';

/*
 * The titles engine: progress per subject, title and year (with its monthly history), assessors'
 * attestations with their audit trail, and recalculation runs.
 */
export class Migration20261128195432_title_engine extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "title_attestation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "subject_kind" text check ("subject_kind" in ('CITIZEN', 'HOUSEHOLD', 'CLAN', 'ORGANISATION', 'UNIT')) not null, "subject_id" uuid not null, "title_kind" text check ("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT')) not null, "unit_level" text check ("unit_level" in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')) null, "indicator_code" varchar(64) not null, "year" int not null, "unit_id" uuid not null, "score" numeric(8,2) null, "met" boolean null, "note" varchar(2000) null, "evidence_key" varchar(500) null, "entered_by_id" uuid null, constraint "title_attestation_pkey" primary key ("id"), constraint title_attestation_score_or_met check ((score is null) <> (met is null)));`);
    this.addSql(`create index "title_attestation_subject_id_year_index" on "title_attestation" ("subject_id", "year");`);
    this.addSql(`create unique index "title_attestation_unique" on "title_attestation" ("subject_kind", "subject_id", "title_kind", "unit_level", "indicator_code", "year") nulls not distinct;`);

    this.addSql(`create table "title_attestation_audit" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "attestation_id" uuid not null, "changed_by_id" uuid null, "changed_at" timestamptz not null, "before" jsonb null, "after" jsonb not null, constraint "title_attestation_audit_pkey" primary key ("id"));`);
    this.addSql(`create index "title_attestation_audit_attestation_id_changed_at_index" on "title_attestation_audit" ("attestation_id", "changed_at");`);

    this.addSql(`create table "title_progress_month" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "subject_kind" text check ("subject_kind" in ('CITIZEN', 'HOUSEHOLD', 'CLAN', 'ORGANISATION', 'UNIT')) not null, "subject_id" uuid not null, "title_kind" text check ("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT')) not null, "unit_level" text check ("unit_level" in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')) null, "year" int not null, "month" date not null, "ruleset_id" uuid not null, "total" numeric(8,2) not null, "status" text check ("status" in ('MEETS_CRITERIA', 'NOT_YET', 'AWAITING_ASSESSMENT')) not null, "level_reached" int null, "computed_at" timestamptz not null, constraint "title_progress_month_pkey" primary key ("id"));`);
    this.addSql(`create unique index "title_progress_month_unique" on "title_progress_month" ("subject_kind", "subject_id", "title_kind", "unit_level", "year", "month") nulls not distinct;`);

    this.addSql(`create table "title_run" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "unit_id" uuid not null, "year" int not null, "status" text check ("status" in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')) not null default 'QUEUED', "trigger" text check ("trigger" in ('SCHEDULED', 'ON_DEMAND')) not null, "phase" text check ("phase" in ('CITIZENS')) null, "phases_done" text[] not null default '{}', "subjects_done" int not null default 0, "subjects_total" int null, "counts" jsonb null, "rows_written" int not null default 0, "attempts" int not null default 0, "ruleset_id" uuid null, "started_at" timestamptz null, "phase_started_at" timestamptz null, "finished_at" timestamptz null, "duration_ms" int null, "error" text null, "requested_by_id" uuid null, constraint "title_run_pkey" primary key ("id"), constraint title_run_year_range check (year between 2000 and 2100));`);
    this.addSql(`create index "title_run_unit_id_year_created_at_index" on "title_run" ("unit_id", "year", "created_at");`);
    this.addSql(`create unique index "title_run_active_unique" on "title_run" ("unit_id", "year") where status in ('QUEUED', 'RUNNING');`);

    this.addSql(`create table "title_progress" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "subject_kind" text check ("subject_kind" in ('CITIZEN', 'HOUSEHOLD', 'CLAN', 'ORGANISATION', 'UNIT')) not null, "subject_id" uuid not null, "title_kind" text check ("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT')) not null, "unit_level" text check ("unit_level" in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')) null, "year" int not null, "unit_id" uuid not null, "ruleset_id" uuid not null, "indicators" jsonb not null, "total" numeric(8,2) not null, "threshold" numeric(8,2) null, "disadvantaged" boolean not null, "status" text check ("status" in ('MEETS_CRITERIA', 'NOT_YET', 'AWAITING_ASSESSMENT')) not null, "level_reached" int null, "computed_at" timestamptz not null, "run_id" uuid null, constraint "title_progress_pkey" primary key ("id"));`);
    this.addSql(`create index "title_progress_unit_id_year_title_kind_status_index" on "title_progress" ("unit_id", "year", "title_kind", "status");`);
    this.addSql(`create unique index "title_progress_subject_unique" on "title_progress" ("subject_kind", "subject_id", "title_kind", "unit_level", "year") nulls not distinct;`);

    this.addSql(`alter table "title_attestation" add constraint "title_attestation_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "title_attestation" add constraint "title_attestation_entered_by_id_foreign" foreign key ("entered_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "title_attestation_audit" add constraint "title_attestation_audit_attestation_id_foreign" foreign key ("attestation_id") references "title_attestation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "title_attestation_audit" add constraint "title_attestation_audit_changed_by_id_foreign" foreign key ("changed_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "title_progress_month" add constraint "title_progress_month_ruleset_id_foreign" foreign key ("ruleset_id") references "title_ruleset" ("id") on update cascade;`);

    this.addSql(`alter table "title_run" add constraint "title_run_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "title_run" add constraint "title_run_ruleset_id_foreign" foreign key ("ruleset_id") references "title_ruleset" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "title_run" add constraint "title_run_requested_by_id_foreign" foreign key ("requested_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "title_progress" add constraint "title_progress_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "title_progress" add constraint "title_progress_ruleset_id_foreign" foreign key ("ruleset_id") references "title_ruleset" ("id") on update cascade;`);
    this.addSql(`alter table "title_progress" add constraint "title_progress_run_id_foreign" foreign key ("run_id") references "title_run" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "title_attestation_audit" drop constraint "title_attestation_audit_attestation_id_foreign";`);

    this.addSql(`alter table "title_progress" drop constraint "title_progress_run_id_foreign";`);

    this.addSql(`drop table if exists "title_attestation" cascade;`);

    this.addSql(`drop table if exists "title_attestation_audit" cascade;`);

    this.addSql(`drop table if exists "title_progress_month" cascade;`);

    this.addSql(`drop table if exists "title_run" cascade;`);

    this.addSql(`drop table if exists "title_progress" cascade;`);
  }

}
