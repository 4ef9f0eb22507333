import { Migration } from '@mikro-orm/migrations';

export class Migration20261128182657_api_clients extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_client" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "contact_email" varchar(254) not null, "key_hash" varchar(64) not null, "key_prefix" varchar(16) not null, "rate_limit_per_minute" int not null, "created_by_id" uuid null, "revoked_at" timestamptz null, constraint "api_client_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_client" add constraint "api_client_key_hash_unique" unique ("key_hash");`);

    this.addSql(`alter table "api_client" add constraint "api_client_created_by_id_foreign" foreign key ("created_by_id") references "account" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_client" cascade;`);
  }

}
