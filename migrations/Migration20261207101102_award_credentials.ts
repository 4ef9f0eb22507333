import { Migration } from '@mikro-orm/migrations';

export class Migration20261207101102_award_credentials extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "issuer_key" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "unit_id" uuid null, "key_id" varchar(64) not null, "public_jwk" jsonb not null, "encrypted_private_key" text not null, "retired_at" timestamptz null, constraint "issuer_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "issuer_key" add constraint "issuer_key_key_id_unique" unique ("key_id");`);
    this.addSql(`create index "issuer_key_unit_id_index" on "issuer_key" ("unit_id");`);
    this.addSql(`create unique index "issuer_key_active_unique" on "issuer_key" ("unit_id") nulls not distinct where "retired_at" is null;`);

    this.addSql(`create table "award_credential" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "award_id" uuid not null, "issuer_unit_id" uuid not null, "key_id" uuid not null, "status_index" int not null, "jwt" text not null, "valid_from" timestamptz not null, "valid_until" timestamptz not null, "issued_at" timestamptz not null, "issued_by_id" uuid null, constraint "award_credential_pkey" primary key ("id"));`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_status_index_unique" unique ("status_index");`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_award_id_key_id_unique" unique ("award_id", "key_id");`);

    this.addSql(`alter table "issuer_key" add constraint "issuer_key_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);

    this.addSql(`alter table "award_credential" add constraint "award_credential_award_id_foreign" foreign key ("award_id") references "title_award" ("id") on update cascade;`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_issuer_unit_id_foreign" foreign key ("issuer_unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_key_id_foreign" foreign key ("key_id") references "issuer_key" ("id") on update cascade;`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_issued_by_id_foreign" foreign key ("issued_by_id") references "account" ("id") on update cascade on delete set null;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "award_credential" drop constraint "award_credential_key_id_foreign";`);

    this.addSql(`drop table if exists "issuer_key" cascade;`);

    this.addSql(`drop table if exists "award_credential" cascade;`);

  }

}
