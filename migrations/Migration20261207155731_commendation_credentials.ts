import { Migration } from '@mikro-orm/migrations';

export class Migration20261207155731_commendation_credentials extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "credential_status_list" ("list" int not null, "version" int not null default 0, constraint "credential_status_list_pkey" primary key ("list"));`);

    this.addSql(`alter table "issuer_key" add column "body_id" uuid null;`);
    this.addSql(`alter table "issuer_key" add constraint "issuer_key_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete no action;`);
    this.addSql(`create index "issuer_key_body_id_index" on "issuer_key" ("body_id");`);
    this.addSql(`alter table "issuer_key" add constraint issuer_key_one_owner check(unit_id is null or body_id is null);`);
    // One active key per issuer, now a unit or a body (both null: the platform).
    this.addSql(`drop index "issuer_key_active_unique";`);
    this.addSql(`create unique index "issuer_key_active_unique" on "issuer_key" ("unit_id", "body_id") nulls not distinct where "retired_at" is null;`);

    this.addSql(`alter table "award_credential" add column "nomination_id" uuid null, add column "issuer_body_id" uuid null;`);
    this.addSql(`alter table "award_credential" alter column "award_id" drop not null;`);
    this.addSql(`alter table "award_credential" alter column "issuer_unit_id" drop not null;`);
    this.addSql(`alter table "award_credential" alter column "valid_until" drop not null;`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_nomination_id_foreign" foreign key ("nomination_id") references "nomination" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_issuer_body_id_foreign" foreign key ("issuer_body_id") references "body" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "award_credential" add constraint "award_credential_nomination_id_key_id_unique" unique ("nomination_id", "key_id");`);
    this.addSql(`alter table "award_credential" add constraint award_credential_one_issuer check(num_nonnulls(issuer_unit_id, issuer_body_id) = 1);`);
    this.addSql(`alter table "award_credential" add constraint award_credential_one_subject check(num_nonnulls(award_id, nomination_id) = 1);`);

    // A revocation (or its undoing) bumps the version of the status lists holding its credentials'
    // bits in the same transaction, whichever code path changes the status: cached lists go stale at once.
    this.addSql(`create function credential_status_list_bump() returns trigger language plpgsql as $$
      begin
        if (old.status = 'REVOKED') is distinct from (new.status = 'REVOKED') then
          insert into credential_status_list (list, version)
            select distinct c.status_index / 131072, 1 from award_credential c
             where case when tg_table_name = 'title_award' then c.award_id = new.id else c.nomination_id = new.id end
          on conflict (list) do update set version = credential_status_list.version + 1;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger title_award_credential_status after update of status on "title_award" for each row execute function credential_status_list_bump();`);
    this.addSql(`create trigger nomination_credential_status after update of status on "nomination" for each row execute function credential_status_list_bump();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "title_award_credential_status" on "title_award";`);
    this.addSql(`drop trigger "nomination_credential_status" on "nomination";`);
    this.addSql(`drop function credential_status_list_bump();`);
    this.addSql(`drop table if exists "credential_status_list" cascade;`);

    this.addSql(`alter table "award_credential" drop constraint "award_credential_nomination_id_foreign";`);
    this.addSql(`alter table "award_credential" drop constraint "award_credential_issuer_body_id_foreign";`);

    this.addSql(`alter table "issuer_key" drop constraint "issuer_key_body_id_foreign";`);

    this.addSql(`alter table "award_credential" drop constraint "award_credential_nomination_id_key_id_unique";`);
    this.addSql(`alter table "award_credential" drop constraint award_credential_one_issuer;`);
    this.addSql(`alter table "award_credential" drop constraint award_credential_one_subject;`);
    this.addSql(`alter table "award_credential" drop column "nomination_id", drop column "issuer_body_id";`);

    this.addSql(`alter table "award_credential" alter column "award_id" set not null;`);
    this.addSql(`alter table "award_credential" alter column "issuer_unit_id" set not null;`);
    this.addSql(`alter table "award_credential" alter column "valid_until" type timestamptz(6) using ("valid_until"::timestamptz(6));`);
    this.addSql(`alter table "award_credential" alter column "valid_until" set not null;`);

    this.addSql(`drop index "issuer_key_active_unique";`);
    this.addSql(`create unique index "issuer_key_active_unique" on "issuer_key" ("unit_id") nulls not distinct where "retired_at" is null;`);
    this.addSql(`drop index "issuer_key_body_id_index";`);
    this.addSql(`alter table "issuer_key" drop constraint issuer_key_one_owner;`);
    this.addSql(`alter table "issuer_key" drop column "body_id";`);
  }

}
