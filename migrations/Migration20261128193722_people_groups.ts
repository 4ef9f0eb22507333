import { Migration } from '@mikro-orm/migrations';

export class Migration20261128193722_people_groups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "clan" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "unit_id" uuid not null, "representative_id" uuid null, constraint "clan_pkey" primary key ("id"));`);
    this.addSql(`create index "clan_unit_id_index" on "clan" ("unit_id");`);

    this.addSql(`create table "household" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "hamlet_id" uuid not null, "head_id" uuid not null, constraint "household_pkey" primary key ("id"));`);
    this.addSql(`create index "household_hamlet_id_index" on "household" ("hamlet_id");`);

    this.addSql(`create table "clan_membership" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "valid_from" date not null, "valid_to" date null, "clan_id" uuid not null, "household_id" uuid not null, constraint "clan_membership_pkey" primary key ("id"), constraint clan_membership_period check (valid_to is null or valid_to >= valid_from));`);
    this.addSql(`create index "clan_membership_household_id_index" on "clan_membership" ("household_id");`);
    this.addSql(`create index "clan_membership_clan_id_valid_from_index" on "clan_membership" ("clan_id", "valid_from");`);
    this.addSql(`create unique index "clan_membership_open_unique" on "clan_membership" ("clan_id", "household_id") where valid_to is null;`);

    this.addSql(`create table "household_membership" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "valid_from" date not null, "valid_to" date null, "household_id" uuid not null, "citizen_id" uuid not null, constraint "household_membership_pkey" primary key ("id"), constraint household_membership_period check (valid_to is null or valid_to >= valid_from));`);
    this.addSql(`create index "household_membership_citizen_id_valid_from_index" on "household_membership" ("citizen_id", "valid_from");`);
    this.addSql(`create index "household_membership_household_id_valid_from_index" on "household_membership" ("household_id", "valid_from");`);
    this.addSql(`create unique index "household_membership_open_unique" on "household_membership" ("citizen_id") where valid_to is null;`);

    this.addSql(`create table "organisation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(300) not null, "kind" text check ("kind" in ('AGENCY', 'SCHOOL', 'ENTERPRISE', 'COOPERATIVE', 'OTHER')) not null, "unit_id" uuid not null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`create index "organisation_unit_id_index" on "organisation" ("unit_id");`);

    this.addSql(`create table "organisation_membership" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "valid_from" date not null, "valid_to" date null, "organisation_id" uuid not null, "citizen_id" uuid not null, "role" text check ("role" in ('STAFF', 'LEARNER')) not null, constraint "organisation_membership_pkey" primary key ("id"), constraint organisation_membership_period check (valid_to is null or valid_to >= valid_from));`);
    this.addSql(`create index "organisation_membership_citizen_id_index" on "organisation_membership" ("citizen_id");`);
    this.addSql(`create index "organisation_membership_organisation_id_valid_from_index" on "organisation_membership" ("organisation_id", "valid_from");`);
    this.addSql(`create unique index "organisation_membership_open_unique" on "organisation_membership" ("organisation_id", "citizen_id") where valid_to is null;`);

    this.addSql(`create table "organisation_mandatory_programme" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "organisation_id" uuid not null, "year" int not null, "programme_id" uuid not null, constraint "organisation_mandatory_programme_pkey" primary key ("id"));`);
    this.addSql(`alter table "organisation_mandatory_programme" add constraint "organisation_mandatory_programme_organisation_id__352db_unique" unique ("organisation_id", "year", "programme_id");`);

    this.addSql(`alter table "clan" add constraint "clan_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "clan" add constraint "clan_representative_id_foreign" foreign key ("representative_id") references "citizen" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "household" add constraint "household_hamlet_id_foreign" foreign key ("hamlet_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "household" add constraint "household_head_id_foreign" foreign key ("head_id") references "citizen" ("id") on update cascade;`);

    this.addSql(`alter table "clan_membership" add constraint "clan_membership_clan_id_foreign" foreign key ("clan_id") references "clan" ("id") on update cascade;`);
    this.addSql(`alter table "clan_membership" add constraint "clan_membership_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade;`);

    this.addSql(`alter table "household_membership" add constraint "household_membership_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade;`);
    this.addSql(`alter table "household_membership" add constraint "household_membership_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on update cascade;`);

    this.addSql(`alter table "organisation" add constraint "organisation_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);

    this.addSql(`alter table "organisation_membership" add constraint "organisation_membership_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "organisation_membership" add constraint "organisation_membership_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on update cascade;`);

    this.addSql(`alter table "organisation_mandatory_programme" add constraint "organisation_mandatory_programme_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "organisation_mandatory_programme" add constraint "organisation_mandatory_programme_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`);

    this.addSql(`alter table "citizen" add column "claim_code_digest" varchar(64) null, add column "claim_code_expires_at" timestamptz null;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "clan_membership" drop constraint "clan_membership_clan_id_foreign";`);

    this.addSql(`alter table "clan_membership" drop constraint "clan_membership_household_id_foreign";`);

    this.addSql(`alter table "household_membership" drop constraint "household_membership_household_id_foreign";`);

    this.addSql(`alter table "organisation_membership" drop constraint "organisation_membership_organisation_id_foreign";`);

    this.addSql(`alter table "organisation_mandatory_programme" drop constraint "organisation_mandatory_programme_organisation_id_foreign";`);

    this.addSql(`drop table if exists "clan" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "clan_membership" cascade;`);

    this.addSql(`drop table if exists "household_membership" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "organisation_membership" cascade;`);

    this.addSql(`drop table if exists "organisation_mandatory_programme" cascade;`);

    this.addSql(`alter table "citizen" drop column "claim_code_digest", drop column "claim_code_expires_at";`);

  }

}
