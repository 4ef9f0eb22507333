import { Migration } from '@mikro-orm/migrations';

export class Migration20261128193443_titles_rulesets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "title_ruleset" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(32) not null, "version" int not null, "status" text check ("status" in ('DRAFT', 'PUBLISHED')) not null default 'DRAFT', "effective_from" date not null, "effective_to" date null, "description" text null, "published_at" timestamptz null, "published_by_id" uuid null, "created_by_id" uuid null, "based_on_id" uuid null, constraint "title_ruleset_pkey" primary key ("id"));`);
    this.addSql(`create index "title_ruleset_status_effective_from_index" on "title_ruleset" ("status", "effective_from");`);
    this.addSql(`alter table "title_ruleset" add constraint "title_ruleset_code_version_unique" unique ("code", "version");`);

    this.addSql(`create table "title_definition" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "ruleset_id" uuid not null, "kind" text check ("kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT')) not null, "unit_level" text check ("unit_level" in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')) null, "position" int not null, "basis" text null, "pass_rule" text check ("pass_rule" in ('POINTS', 'CHECKLIST')) not null, "total_points" numeric(8,2) null, "pass_threshold" numeric(8,2) null, "disadvantaged_threshold" numeric(8,2) null, "indicator_minimum" numeric(8,4) null, "indicator_minimum_kind" text check ("indicator_minimum_kind" in ('ABSOLUTE', 'FRACTION_OF_MAXIMUM')) null, "checklist_levels" int null, "recognition_validity_years" int null, constraint "title_definition_pkey" primary key ("id"));`);
    this.addSql(`create unique index "title_definition_subject_unique" on "title_definition" ("ruleset_id", "kind", coalesce("unit_level", ''));`);

    this.addSql(`create table "title_indicator" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "definition_id" uuid not null, "position" int not null, "code" varchar(64) not null, "label_vi" varchar(500) not null, "label_en" varchar(500) not null, "source" text check ("source" in ('AUTO', 'ATTESTED', 'AUTO_OR_ATTESTED')) not null, "max_score" numeric(8,2) null, "metric" varchar(64) null, "metric_params" jsonb null, "scoring" jsonb null, "level" int null, "met_at_least" numeric(12,4) null, "applies_to" text[] null, constraint "title_indicator_pkey" primary key ("id"));`);
    this.addSql(`alter table "title_indicator" add constraint "title_indicator_definition_id_code_unique" unique ("definition_id", "code");`);

    this.addSql(`alter table "title_ruleset" add constraint "title_ruleset_published_by_id_foreign" foreign key ("published_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "title_ruleset" add constraint "title_ruleset_created_by_id_foreign" foreign key ("created_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "title_ruleset" add constraint "title_ruleset_based_on_id_foreign" foreign key ("based_on_id") references "title_ruleset" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "title_definition" add constraint "title_definition_ruleset_id_foreign" foreign key ("ruleset_id") references "title_ruleset" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "title_indicator" add constraint "title_indicator_definition_id_foreign" foreign key ("definition_id") references "title_definition" ("id") on update cascade on delete cascade;`);

    // Published versions are read-only in the database too, whatever code runs against it.
    this.addSql(`create function title_ruleset_read_only() returns trigger language plpgsql as $$
      begin
        if old.status = 'PUBLISHED' then
          raise exception 'title ruleset % version % is published and read-only', old.code, old.version using errcode = 'check_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$;`);
    this.addSql(`create trigger title_ruleset_read_only before update or delete on "title_ruleset" for each row execute function title_ruleset_read_only();`);
    this.addSql(`create function title_criteria_read_only() returns trigger language plpgsql as $$
      declare
        target uuid := case when tg_op = 'DELETE' then old.definition_id else new.definition_id end;
      begin
        if exists (select 1 from title_definition d join title_ruleset r on r.id = d.ruleset_id where d.id = target and r.status = 'PUBLISHED') then
          raise exception 'the indicators of a published title ruleset are read-only' using errcode = 'check_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$;`);
    this.addSql(`create function title_definition_read_only() returns trigger language plpgsql as $$
      declare
        target uuid := case when tg_op = 'DELETE' then old.ruleset_id else new.ruleset_id end;
      begin
        if exists (select 1 from title_ruleset r where r.id = target and r.status = 'PUBLISHED') then
          raise exception 'the definitions of a published title ruleset are read-only' using errcode = 'check_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$;`);
    this.addSql(`create trigger title_definition_read_only before insert or update or delete on "title_definition" for each row execute function title_definition_read_only();`);
    this.addSql(`create trigger title_indicator_read_only before insert or update or delete on "title_indicator" for each row execute function title_criteria_read_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "title_ruleset" drop constraint "title_ruleset_based_on_id_foreign";`);

    this.addSql(`alter table "title_definition" drop constraint "title_definition_ruleset_id_foreign";`);

    this.addSql(`alter table "title_indicator" drop constraint "title_indicator_definition_id_foreign";`);

    this.addSql(`drop table if exists "title_ruleset" cascade;`);

    this.addSql(`drop table if exists "title_definition" cascade;`);

    this.addSql(`drop table if exists "title_indicator" cascade;`);

    this.addSql(`drop function if exists title_ruleset_read_only, title_criteria_read_only, title_definition_read_only cascade;`);
  }

}
