import { Migration } from '@mikro-orm/migrations';

export class Migration20261206121719_bodies extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "body" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(300) not null, "short_name" varchar(30) not null, "kind" text check ("kind" in ('PEOPLES_COMMITTEE', 'DEPARTMENT', 'FATHERLAND_FRONT', 'SOCIO_POLITICAL_ORGANISATION', 'ASSOCIATION', 'OTHER')) not null, "unit_id" uuid not null, "superior_id" uuid null, constraint "body_pkey" primary key ("id"));`);
    this.addSql(`create index "body_kind_index" on "body" ("kind");`);
    this.addSql(`alter table "body" add constraint "body_unit_id_name_unique" unique ("unit_id", "name");`);

    this.addSql(`create table "body_officer" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "body_id" uuid not null, "account_id" uuid not null, "granted_by_id" uuid null, constraint "body_officer_pkey" primary key ("id"));`);
    this.addSql(`create index "body_officer_account_id_index" on "body_officer" ("account_id");`);
    this.addSql(`alter table "body_officer" add constraint "body_officer_body_id_account_id_unique" unique ("body_id", "account_id");`);

    this.addSql(`alter table "body" add constraint "body_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "body" add constraint "body_superior_id_foreign" foreign key ("superior_id") references "body" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "body_officer" add constraint "body_officer_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "body_officer" add constraint "body_officer_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "body_officer" add constraint "body_officer_granted_by_id_foreign" foreign key ("granted_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "role_grant" drop constraint if exists "role_grant_role_check";`);

    this.addSql(`alter table "role_grant" add constraint "role_grant_role_check" check("role" in ('CITIZEN', 'INSTITUTION_STAFF', 'ASSESSOR', 'PROVINCE_ADMIN', 'EDUCATION_DEPARTMENT', 'HOME_AFFAIRS_DEPARTMENT'));`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "body" drop constraint "body_superior_id_foreign";`);

    this.addSql(`alter table "body_officer" drop constraint "body_officer_body_id_foreign";`);

    this.addSql(`drop table if exists "body" cascade;`);

    this.addSql(`drop table if exists "body_officer" cascade;`);

    this.addSql(`alter table "role_grant" drop constraint if exists "role_grant_role_check";`);

    this.addSql(`alter table "role_grant" add constraint "role_grant_role_check" check("role" in ('CITIZEN', 'INSTITUTION_STAFF', 'ASSESSOR', 'PROVINCE_ADMIN'));`);

  }

}
