import { Migration } from '@mikro-orm/migrations';

export class Migration20261205222039_account_notice extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account_notice" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "kind" text check ("kind" in ('SIGN_IN_LOCKED')) not null, "failed_attempts" int not null, "client_address" varchar(64) null, "locked_until" timestamptz not null, constraint "account_notice_pkey" primary key ("id"));`);
    this.addSql(`create index "account_notice_account_id_created_at_id_index" on "account_notice" ("account_id", "created_at", "id");`);

    this.addSql(`alter table "account_notice" add constraint "account_notice_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "account_notice" cascade;`);
  }
}
