import { Migration } from '@mikro-orm/migrations';

export class Migration20261206125409_emulation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "commendation_form" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(64) not null, "name_vi" varchar(300) not null, "name_en" varchar(300) not null, "authority" text check ("authority" in ('PRIME_MINISTER', 'MINISTRY', 'PROVINCE_CHAIRMAN', 'HEAD_OF_BODY')) not null, constraint "commendation_form_pkey" primary key ("id"));`);
    this.addSql(`alter table "commendation_form" add constraint "commendation_form_code_unique" unique ("code");`);

    this.addSql(`create table "commendation_round" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('ANNUAL', 'INTERIM_REVIEW', 'FINAL_REVIEW')) not null, "from_year" int not null, "to_year" int not null, constraint "commendation_round_pkey" primary key ("id"), constraint commendation_round_years check (from_year <= to_year));`);
    this.addSql(`alter table "commendation_round" add constraint "commendation_round_kind_from_year_to_year_unique" unique ("kind", "from_year", "to_year");`);

    this.addSql(`create table "commendation_quota" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "round_id" uuid not null, "form_id" uuid not null, "nominee_class" text check ("nominee_class" in ('COLLECTIVE', 'HOUSEHOLD', 'INDIVIDUAL')) not null, "places" int not null, constraint "commendation_quota_pkey" primary key ("id"), constraint commendation_quota_places check (places >= 0));`);
    this.addSql(`alter table "commendation_quota" add constraint "commendation_quota_round_id_form_id_nominee_class_unique" unique ("round_id", "form_id", "nominee_class");`);

    this.addSql(`create table "external_contributor" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(300) not null, "kind" text check ("kind" in ('INTERNATIONAL_ORGANISATION', 'NGO', 'ASSOCIATION', 'BUSINESS_PERSON', 'SCIENTIST', 'OVERSEAS_VIETNAMESE', 'OTHER')) not null, "country" varchar(100) not null, "recorded_by_id" uuid null, constraint "external_contributor_pkey" primary key ("id"));`);

    this.addSql(`create table "honour_roll_consent" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "citizen_id" uuid not null, "given_at" timestamptz not null, "withdrawn_at" timestamptz null, constraint "honour_roll_consent_pkey" primary key ("id"));`);
    this.addSql(`alter table "honour_roll_consent" add constraint "honour_roll_consent_citizen_id_unique" unique ("citizen_id");`);

    this.addSql(`create table "contribution" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "contributor_kind" text check ("contributor_kind" in ('CITIZEN', 'HOUSEHOLD', 'CLAN', 'ORGANISATION', 'EXTERNAL')) not null, "contributor_id" uuid not null, "kind" text check ("kind" in ('MONEY', 'GOODS', 'FACILITIES', 'VOLUNTEER_TEACHING_HOURS', 'EXPERTISE')) not null, "value_vnd" numeric(18,0) null, "hours" numeric(10,2) null, "contributed_on" date not null, "recipient_kind" text check ("recipient_kind" in ('UNIT', 'INSTITUTION', 'FUND')) not null, "unit_id" uuid not null, "institution_id" uuid null, "fund_id" uuid null, "description" text not null, "evidence_keys" text[] not null default '{}', "status" text check ("status" in ('RECORDED', 'VERIFIED')) not null default 'RECORDED', "recorded_by_id" uuid null, "verified_by_id" uuid null, "verified_at" timestamptz null, constraint "contribution_pkey" primary key ("id"), constraint contribution_recipient check ((recipient_kind = 'INSTITUTION') = (institution_id is not null) and (recipient_kind = 'FUND') = (fund_id is not null)), constraint contribution_value check (value_vnd is not null or hours is not null));`);
    this.addSql(`create index "contribution_unit_id_contributed_on_index" on "contribution" ("unit_id", "contributed_on");`);
    this.addSql(`create index "contribution_contributor_kind_contributor_id_index" on "contribution" ("contributor_kind", "contributor_id");`);

    this.addSql(`create table "nomination" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "round_id" uuid not null, "form_id" uuid not null, "proposer_id" uuid not null, "nominee_kind" text check ("nominee_kind" in ('UNIT', 'ORGANISATION', 'INSTITUTION', 'BODY', 'HOUSEHOLD', 'CITIZEN', 'EXTERNAL')) not null, "nominee_class" text check ("nominee_class" in ('COLLECTIVE', 'HOUSEHOLD', 'INDIVIDUAL')) not null, "nominee_id" uuid not null, "nominee_name" varchar(300) not null, "nominee_unit_id" uuid not null, "achievements" text not null, "file_keys" text[] not null default '{}', "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'CONSOLIDATED', 'NOT_SHORTLISTED', 'APPRAISED', 'DECIDED', 'RETURNED', 'REJECTED', 'REVOKED')) not null default 'DRAFT', "dossier" jsonb null, "reason" text null, "decision_number" varchar(64) null, "decision_date" date null, "signer" varchar(300) null, "decided_at" timestamptz null, "revoked_at" timestamptz null, "revocation_reason" text null, constraint "nomination_pkey" primary key ("id"));`);
    this.addSql(`create index "nomination_nominee_kind_nominee_id_index" on "nomination" ("nominee_kind", "nominee_id");`);
    this.addSql(`create index "nomination_proposer_id_index" on "nomination" ("proposer_id");`);
    this.addSql(`create index "nomination_round_id_status_index" on "nomination" ("round_id", "status");`);

    this.addSql(`create table "nomination_step" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "nomination_id" uuid not null, "from_status" text check ("from_status" in ('DRAFT', 'SUBMITTED', 'CONSOLIDATED', 'NOT_SHORTLISTED', 'APPRAISED', 'DECIDED', 'RETURNED', 'REJECTED', 'REVOKED')) null, "to_status" text check ("to_status" in ('DRAFT', 'SUBMITTED', 'CONSOLIDATED', 'NOT_SHORTLISTED', 'APPRAISED', 'DECIDED', 'RETURNED', 'REJECTED', 'REVOKED')) not null, "actor_id" uuid null, "note" text null, constraint "nomination_step_pkey" primary key ("id"));`);
    this.addSql(`create index "nomination_step_nomination_id_created_at_index" on "nomination_step" ("nomination_id", "created_at");`);

    this.addSql(`create table "initiative" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title" varchar(300) not null, "summary" text not null, "owner_body_id" uuid null, "owner_organisation_id" uuid null, "unit_id" uuid not null, "period_from" date not null, "period_to" date not null, "evidence_keys" text[] not null default '{}', "recorded_by_id" uuid null, "decision_number" varchar(64) null, "decision_date" date null, "council" varchar(300) null, "recognised_at" timestamptz null, "recognised_by_id" uuid null, constraint "initiative_pkey" primary key ("id"), constraint initiative_recognition check ((recognised_at is null) = (decision_number is null) and (decision_number is null) = (decision_date is null)), constraint initiative_period check (period_from <= period_to), constraint initiative_owner check ((owner_body_id is null) <> (owner_organisation_id is null)));`);
    this.addSql(`create index "initiative_unit_id_period_to_index" on "initiative" ("unit_id", "period_to");`);

    this.addSql(`alter table "commendation_quota" add constraint "commendation_quota_round_id_foreign" foreign key ("round_id") references "commendation_round" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "commendation_quota" add constraint "commendation_quota_form_id_foreign" foreign key ("form_id") references "commendation_form" ("id") on update cascade;`);

    this.addSql(`alter table "external_contributor" add constraint "external_contributor_recorded_by_id_foreign" foreign key ("recorded_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "honour_roll_consent" add constraint "honour_roll_consent_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "contribution" add constraint "contribution_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "contribution" add constraint "contribution_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "contribution" add constraint "contribution_fund_id_foreign" foreign key ("fund_id") references "body" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "contribution" add constraint "contribution_recorded_by_id_foreign" foreign key ("recorded_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "contribution" add constraint "contribution_verified_by_id_foreign" foreign key ("verified_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "nomination" add constraint "nomination_round_id_foreign" foreign key ("round_id") references "commendation_round" ("id") on update cascade;`);
    this.addSql(`alter table "nomination" add constraint "nomination_form_id_foreign" foreign key ("form_id") references "commendation_form" ("id") on update cascade;`);
    this.addSql(`alter table "nomination" add constraint "nomination_proposer_id_foreign" foreign key ("proposer_id") references "body" ("id") on update cascade;`);
    this.addSql(`alter table "nomination" add constraint "nomination_nominee_unit_id_foreign" foreign key ("nominee_unit_id") references "administrative_unit" ("id") on update cascade;`);

    this.addSql(`alter table "nomination_step" add constraint "nomination_step_nomination_id_foreign" foreign key ("nomination_id") references "nomination" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "nomination_step" add constraint "nomination_step_actor_id_foreign" foreign key ("actor_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "initiative" add constraint "initiative_owner_body_id_foreign" foreign key ("owner_body_id") references "body" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "initiative" add constraint "initiative_owner_organisation_id_foreign" foreign key ("owner_organisation_id") references "organisation" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "initiative" add constraint "initiative_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "initiative" add constraint "initiative_recorded_by_id_foreign" foreign key ("recorded_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "initiative" add constraint "initiative_recognised_by_id_foreign" foreign key ("recognised_by_id") references "account" ("id") on update cascade on delete set null;`);

    // A decided commendation never changes but for its revocation (with when and why), and no
    // nomination past its draft is deleted: the step history and the decisions stay.
    this.addSql(`create function nomination_decided_unchangeable() returns trigger language plpgsql as $$
      declare
        free constant text[] := array['status', 'revoked_at', 'revocation_reason', 'updated_at'];
      begin
        if tg_op = 'DELETE' then
          if old.status <> 'DRAFT' then
            raise exception 'a submitted nomination is never deleted' using errcode = 'restrict_violation';
          end if;
          return old;
        end if;
        if old.status = 'REVOKED' and new is distinct from old then
          raise exception 'a revoked commendation never changes' using errcode = 'restrict_violation';
        end if;
        if old.status = 'DECIDED' and ((to_jsonb(new) - free) is distinct from (to_jsonb(old) - free) or new.status not in ('DECIDED', 'REVOKED')) then
          raise exception 'a decided commendation is never edited; it can only be revoked' using errcode = 'restrict_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger nomination_decided_unchangeable before update or delete on "nomination" for each row execute function nomination_decided_unchangeable();`);

    // Forms of commendation and their deciding authorities, the plan's two review rounds, and the
    // quotas of III.3 for the Chairman's certificate of merit: data, not code. Giấy khen has no quota.
    this.addSql(`insert into "commendation_form" (id, created_at, updated_at, code, name_vi, name_en, authority) values
      (gen_random_uuid(), now(), now(), 'PRIME_MINISTER_CERTIFICATE', 'Bằng khen của Thủ tướng Chính phủ', 'Certificate of merit of the Prime Minister', 'PRIME_MINISTER'),
      (gen_random_uuid(), now(), now(), 'MINISTRY_CERTIFICATE', 'Bằng khen của Bộ, ban, ngành, đoàn thể Trung ương', 'Certificate of merit of a ministry or central organisation', 'MINISTRY'),
      (gen_random_uuid(), now(), now(), 'PROVINCE_CHAIRMAN_CERTIFICATE', 'Bằng khen của Chủ tịch UBND tỉnh', 'Certificate of merit of the Chairman of the Provincial People''s Committee', 'PROVINCE_CHAIRMAN'),
      (gen_random_uuid(), now(), now(), 'GIAY_KHEN', 'Giấy khen', 'Certificate of commendation of the head of a body', 'HEAD_OF_BODY');`);
    this.addSql(`insert into "commendation_round" (id, created_at, updated_at, kind, from_year, to_year) values
      (gen_random_uuid(), now(), now(), 'INTERIM_REVIEW', 2023, 2025),
      (gen_random_uuid(), now(), now(), 'FINAL_REVIEW', 2023, 2030);`);
    this.addSql(`insert into "commendation_quota" (id, created_at, updated_at, round_id, form_id, nominee_class, places)
      select gen_random_uuid(), now(), now(), r.id, f.id, q.nominee_class, q.places
        from (values ('INTERIM_REVIEW', 'COLLECTIVE', 5), ('INTERIM_REVIEW', 'INDIVIDUAL', 10), ('FINAL_REVIEW', 'COLLECTIVE', 10), ('FINAL_REVIEW', 'INDIVIDUAL', 15))
             as q(round_kind, nominee_class, places)
        join "commendation_round" r on r.kind = q.round_kind
        join "commendation_form" f on f.code = 'PROVINCE_CHAIRMAN_CERTIFICATE';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists nomination_decided_unchangeable on "nomination";`);
    this.addSql(`drop function if exists nomination_decided_unchangeable();`);

    this.addSql(`alter table "commendation_quota" drop constraint "commendation_quota_form_id_foreign";`);

    this.addSql(`alter table "nomination" drop constraint "nomination_form_id_foreign";`);

    this.addSql(`alter table "commendation_quota" drop constraint "commendation_quota_round_id_foreign";`);

    this.addSql(`alter table "nomination" drop constraint "nomination_round_id_foreign";`);

    this.addSql(`alter table "nomination_step" drop constraint "nomination_step_nomination_id_foreign";`);

    this.addSql(`drop table if exists "commendation_form" cascade;`);

    this.addSql(`drop table if exists "commendation_round" cascade;`);

    this.addSql(`drop table if exists "commendation_quota" cascade;`);

    this.addSql(`drop table if exists "external_contributor" cascade;`);

    this.addSql(`drop table if exists "honour_roll_consent" cascade;`);

    this.addSql(`drop table if exists "contribution" cascade;`);

    this.addSql(`drop table if exists "nomination" cascade;`);

    this.addSql(`drop table if exists "nomination_step" cascade;`);

    this.addSql(`drop table if exists "initiative" cascade;`);

  }

}
