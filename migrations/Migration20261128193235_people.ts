import { Migration } from '@mikro-orm/migrations';

export class Migration20261128193235_people extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "citizen" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid null, "full_name" varchar(200) not null, "birth_year" int not null, "gender" text check ("gender" in ('FEMALE', 'MALE', 'OTHER')) not null, "national_id_digest" varchar(64) null, "national_id_sealed" text null, "phone" varchar(16) null, "residence_id" uuid not null, "occupational_group" text check ("occupational_group" in ('FARMER', 'WORKER', 'OFFICIAL', 'LEARNER')) null, "ethnic_minority" boolean not null default false, "disability" boolean not null default false, "registered_by_id" uuid null, "search_text" text generated always as (immutable_unaccent(lower(full_name))) stored not null, constraint "citizen_pkey" primary key ("id"), constraint citizen_national_id_pair check ((national_id_digest is null) = (national_id_sealed is null)), constraint citizen_birth_year_range check (birth_year between 1900 and 2100));`);
    this.addSql(`alter table "citizen" add constraint "citizen_account_id_unique" unique ("account_id");`);
    this.addSql(`alter table "citizen" add constraint "citizen_national_id_digest_unique" unique ("national_id_digest");`);
    this.addSql(`create index "citizen_phone_index" on "citizen" ("phone");`);
    this.addSql(`create index "citizen_search_index" on "citizen" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "citizen_residence_id_index" on "citizen" ("residence_id");`);

    this.addSql(`alter table "citizen" add constraint "citizen_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "citizen" add constraint "citizen_residence_id_foreign" foreign key ("residence_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "citizen" add constraint "citizen_registered_by_id_foreign" foreign key ("registered_by_id") references "account" ("id") on update cascade on delete set null;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "citizen" cascade;`);
  }

}
