import { Migration } from '@mikro-orm/migrations';

export class Migration20261128202705_title_recognition extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "title_award" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "subject_kind" text check ("subject_kind" in ('CITIZEN', 'HOUSEHOLD', 'CLAN', 'ORGANISATION', 'UNIT')) not null, "subject_id" uuid not null, "title_kind" text check ("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT')) not null, "unit_level" text check ("unit_level" in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')) null, "year" int not null, "unit_id" uuid not null, "decision_number" varchar(64) not null, "decision_date" date not null, "issuer" varchar(300) not null, "decision_level" text check ("decision_level" in ('COMMUNE', 'DISTRICT', 'PROVINCE')) not null, "valid_until" date not null, "ruleset_id" uuid not null, "indicators" jsonb not null, "total" numeric(8,2) not null, "threshold" numeric(8,2) null, "progress_status" text check ("progress_status" in ('MEETS_CRITERIA', 'NOT_YET', 'AWAITING_ASSESSMENT')) not null, "level_reached" int null, "progress_computed_at" timestamptz not null, "override_reason" text null, "recorded_at" timestamptz not null, "recorded_by_id" uuid null, "status" text check ("status" in ('AWARDED', 'REVOKED')) not null default 'AWARDED', "revoked_at" timestamptz null, "revoked_by_id" uuid null, "revocation_reason" text null, constraint "title_award_pkey" primary key ("id"), constraint title_award_revocation check ((status = 'REVOKED') = (revoked_at is not null and revocation_reason is not null)));`);
    this.addSql(`create index "title_award_subject_id_year_index" on "title_award" ("subject_id", "year");`);
    this.addSql(`create index "title_award_unit_id_year_title_kind_status_index" on "title_award" ("unit_id", "year", "title_kind", "status");`);
    this.addSql(`create unique index "title_award_standing_unique" on "title_award" ("subject_kind", "subject_id", "title_kind", "unit_level", "year") nulls not distinct where "status" = 'AWARDED';`);

    this.addSql(`create table "title_target" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title_kind" text check ("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT')) not null, "unit_level" text check ("unit_level" in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')) null, "population" text check ("population" in ('SUBJECTS', 'ADULT_MEMBERS', 'LEARNING_UNIT_STAFF')) not null, "target_year" int not null, "share" numeric(5,4) not null, "basis" varchar(200) not null, "label_vi" varchar(500) not null, "label_en" varchar(500) not null, constraint "title_target_pkey" primary key ("id"));`);
    this.addSql(`create unique index "title_target_unique" on "title_target" ("title_kind", "unit_level", "population", "target_year") nulls not distinct;`);

    this.addSql(`alter table "title_award" add constraint "title_award_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "title_award" add constraint "title_award_ruleset_id_foreign" foreign key ("ruleset_id") references "title_ruleset" ("id") on update cascade;`);
    this.addSql(`alter table "title_award" add constraint "title_award_recorded_by_id_foreign" foreign key ("recorded_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "title_award" add constraint "title_award_revoked_by_id_foreign" foreign key ("revoked_by_id") references "account" ("id") on update cascade on delete set null;`);

    // Awards are never edited: only AWARDED → REVOKED (with who, when, why), and a deleted account's
    // references becoming null. Nothing deletes an award.
    this.addSql(`create function title_award_unchangeable() returns trigger language plpgsql as $$
      declare
        free constant text[] := array['status', 'revoked_at', 'revoked_by_id', 'revocation_reason', 'recorded_by_id', 'updated_at'];
      begin
        if tg_op = 'DELETE' then
          raise exception 'title awards are never deleted; revoke them instead' using errcode = 'restrict_violation';
        end if;
        if (to_jsonb(new) - free) is distinct from (to_jsonb(old) - free)
           or (new.recorded_by_id is distinct from old.recorded_by_id and new.recorded_by_id is not null)
           or (old.status = 'REVOKED' and (new.status, new.revoked_at, new.revocation_reason) is distinct from (old.status, old.revoked_at, old.revocation_reason))
           or (old.status = 'REVOKED' and new.revoked_by_id is distinct from old.revoked_by_id and new.revoked_by_id is not null) then
          raise exception 'a title award is never edited; an awarded one can only be revoked' using errcode = 'restrict_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger title_award_unchangeable before update or delete on "title_award" for each row execute function title_award_unchangeable();`);

    // National targets (387/QĐ-TTg, 677/QĐ-TTg, 1373/QĐ-TTg), as titles.md lists them: data, not code.
    this.addSql(`insert into "title_target" (id, created_at, updated_at, title_kind, unit_level, population, target_year, share, basis, label_vi, label_en)
      select gen_random_uuid(), now(), now(), t.kind, t.level, t.population, y.year, case y.year when 2025 then t.share_2025 else t.share_2030 end, t.basis, t.label_vi, t.label_en
        from (values
          ('LEARNING_FAMILY', null, 'SUBJECTS', 0.70, 0.80, '387/QĐ-TTg; 677/QĐ-TTg', 'Hộ gia đình đạt danh hiệu Gia đình học tập', 'Households recognised as Learning Families'),
          ('LEARNING_CLAN', null, 'SUBJECTS', 0.65, 0.75, '387/QĐ-TTg; 677/QĐ-TTg', 'Dòng họ đạt danh hiệu Dòng họ học tập', 'Clans recognised as Learning Clans'),
          ('LEARNING_COMMUNITY', 'HAMLET', 'SUBJECTS', 0.65, 0.75, '387/QĐ-TTg; 677/QĐ-TTg', 'Thôn, ấp, khu phố đạt danh hiệu Cộng đồng học tập', 'Hamlets and residential quarters recognised as Learning Communities'),
          ('LEARNING_UNIT', null, 'SUBJECTS', 0.80, 0.90, '387/QĐ-TTg; 677/QĐ-TTg', 'Đơn vị cấp xã đạt danh hiệu Đơn vị học tập', 'Commune-level units recognised as Learning Units'),
          ('LEARNING_CITIZEN', null, 'SUBJECTS', 0.40, 0.60, '1373/QĐ-TTg', 'Công dân đạt danh hiệu Công dân học tập', 'Citizens recognised as Learning Citizens'),
          ('LEARNING_CITIZEN', null, 'ADULT_MEMBERS', 0.40, 0.70, '387/QĐ-TTg; 677/QĐ-TTg', 'Người lớn trong gia đình, dòng họ, cộng đồng đạt danh hiệu Công dân học tập', 'Adults in families, clans and communities recognised as Learning Citizens'),
          ('LEARNING_CITIZEN', null, 'LEARNING_UNIT_STAFF', 0.60, 0.80, '387/QĐ-TTg; 677/QĐ-TTg', 'Cán bộ, người lao động trong đơn vị học tập đạt danh hiệu Công dân học tập', 'Staff of learning units recognised as Learning Citizens')
        ) as t(kind, level, population, share_2025, share_2030, basis, label_vi, label_en)
        cross join (values (2025), (2030)) as y(year);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "title_award" cascade;`);
    this.addSql(`drop function if exists title_award_unchangeable();`);
    this.addSql(`drop table if exists "title_target" cascade;`);
  }

}
