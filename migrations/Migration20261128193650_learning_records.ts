import { Migration } from '@mikro-orm/migrations';

export class Migration20261128193650_learning_records extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "learning_year_closure" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "unit_id" uuid not null, "year" int not null, "closed_at" timestamptz not null, "closed_by_id" uuid null, constraint "learning_year_closure_pkey" primary key ("id"), constraint learning_year_closure_year_range check (year between 2000 and 2100));`);
    this.addSql(`alter table "learning_year_closure" add constraint "learning_year_closure_unit_id_year_unique" unique ("unit_id", "year");`);

    this.addSql(`create table "learning_goal" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "citizen_id" uuid not null, "year" int not null, "topic" text check ("topic" in ('DIGITAL_SKILLS', 'FOREIGN_LANGUAGE', 'LAW', 'LIFE_SKILLS', 'VOCATIONAL', 'HEALTH', 'CULTURE_HISTORY', 'AGRICULTURE', 'POLITICS_CIVICS', 'OTHER')) null, "target_hours" numeric(6,2) null, "programme_id" uuid null, constraint "learning_goal_pkey" primary key ("id"), constraint learning_goal_target_range check (target_hours is null or (target_hours > 0 and target_hours <= 1000)), constraint learning_goal_topic_or_programme check ((topic is not null and target_hours is not null and programme_id is null) or (topic is null and target_hours is null and programme_id is not null)));`);
    this.addSql(`create index "learning_goal_citizen_id_year_index" on "learning_goal" ("citizen_id", "year");`);

    this.addSql(`create table "learning_log" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "citizen_id" uuid not null, "source" text check ("source" in ('ATTENDANCE', 'RESOURCE_STUDY', 'SELF_DECLARED', 'IMPORT')) not null, "session_id" uuid null, "resource_id" uuid null, "activity_title" varchar(300) null, "occurred_on" date not null, "hours" numeric(4,2) not null, "topics" text[] not null, "result" text check ("result" in ('PARTICIPATED', 'COMPLETED')) not null, "score" numeric(5,2) null, "certificate_number" varchar(100) null, "evidence_key" varchar(500) null, "institution_id" uuid null, "assessor_id" uuid null, "recorded_by_id" uuid null, "status" text check ("status" in ('PENDING', 'VERIFIED', 'REJECTED', 'VOIDED')) not null, "status_reason" varchar(1000) null, "status_changed_at" timestamptz null, "status_changed_by_id" uuid null, "idempotency_key" varchar(100) null, constraint "learning_log_pkey" primary key ("id"), constraint learning_log_reason_when_closed check ((status in ('REJECTED', 'VOIDED')) = (status_reason is not null)), constraint learning_log_hours_range check (hours > 0 and hours <= 12));`);
    this.addSql(`create unique index "learning_log_attendance_unique" on "learning_log" ("citizen_id", "session_id") where source = 'ATTENDANCE' and status <> 'VOIDED';`);
    this.addSql(`create index "learning_log_topics_index" on "learning_log" using gin ("topics");`);
    this.addSql(`create index "learning_log_session_id_index" on "learning_log" ("session_id");`);
    this.addSql(`create index "learning_log_institution_id_status_created_at_index" on "learning_log" ("institution_id", "status", "created_at");`);
    this.addSql(`create index "learning_log_status_created_at_index" on "learning_log" ("status", "created_at");`);
    this.addSql(`create index "learning_log_citizen_id_occurred_on_index" on "learning_log" ("citizen_id", "occurred_on");`);
    this.addSql(`alter table "learning_log" add constraint "learning_log_idempotency_unique" unique ("citizen_id", "idempotency_key");`);

    this.addSql(`create table "enrollment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "citizen_id" uuid not null, "status" text check ("status" in ('ENROLLED', 'WAITLISTED', 'CANCELLED')) not null, "requested_at" timestamptz not null, "cancelled_at" timestamptz null, constraint "enrollment_pkey" primary key ("id"));`);
    this.addSql(`create index "enrollment_citizen_id_requested_at_index" on "enrollment" ("citizen_id", "requested_at");`);
    this.addSql(`create index "enrollment_session_id_status_requested_at_index" on "enrollment" ("session_id", "status", "requested_at");`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_session_id_citizen_id_unique" unique ("session_id", "citizen_id");`);

    this.addSql(`create table "attendance" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "citizen_id" uuid not null, "status" text check ("status" in ('PRESENT', 'ABSENT')) not null, "method" text check ("method" in ('ROSTER', 'IMPORT', 'CHECK_IN')) not null, "recorded_by_id" uuid null, "log_id" uuid null, "marked_at" timestamptz not null, constraint "attendance_pkey" primary key ("id"));`);
    this.addSql(`create index "attendance_citizen_id_index" on "attendance" ("citizen_id");`);
    this.addSql(`alter table "attendance" add constraint "attendance_session_id_citizen_id_unique" unique ("session_id", "citizen_id");`);

    this.addSql(`alter table "learning_year_closure" add constraint "learning_year_closure_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`);
    this.addSql(`alter table "learning_year_closure" add constraint "learning_year_closure_closed_by_id_foreign" foreign key ("closed_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "learning_goal" add constraint "learning_goal_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on update cascade;`);
    this.addSql(`alter table "learning_goal" add constraint "learning_goal_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "learning_log" add constraint "learning_log_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on update cascade;`);
    this.addSql(`alter table "learning_log" add constraint "learning_log_session_id_foreign" foreign key ("session_id") references "programme_session" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "learning_log" add constraint "learning_log_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "learning_log" add constraint "learning_log_assessor_id_foreign" foreign key ("assessor_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "learning_log" add constraint "learning_log_recorded_by_id_foreign" foreign key ("recorded_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "learning_log" add constraint "learning_log_status_changed_by_id_foreign" foreign key ("status_changed_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "enrollment" add constraint "enrollment_session_id_foreign" foreign key ("session_id") references "programme_session" ("id") on update cascade;`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on update cascade;`);

    this.addSql(`alter table "attendance" add constraint "attendance_session_id_foreign" foreign key ("session_id") references "programme_session" ("id") on update cascade;`);
    this.addSql(`alter table "attendance" add constraint "attendance_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on update cascade;`);
    this.addSql(`alter table "attendance" add constraint "attendance_recorded_by_id_foreign" foreign key ("recorded_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "attendance" add constraint "attendance_log_id_foreign" foreign key ("log_id") references "learning_log" ("id") on update cascade on delete set null;`);

    // Logs are never edited or deleted: only the status may move, and only forward.
    this.addSql(`create function learning_log_immutable() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'learning logs are never deleted; void them' using errcode = 'P0001';
        end if;
        if (new.citizen_id, new.source, new.session_id, new.resource_id, new.activity_title, new.occurred_on, new.hours, new.topics,
            new.result, new.score, new.certificate_number, new.evidence_key, new.institution_id, new.recorded_by_id, new.idempotency_key, new.created_at)
           is distinct from
           (old.citizen_id, old.source, old.session_id, old.resource_id, old.activity_title, old.occurred_on, old.hours, old.topics,
            old.result, old.score, old.certificate_number, old.evidence_key, old.institution_id, old.recorded_by_id, old.idempotency_key, old.created_at)
           or old.status in ('REJECTED', 'VOIDED')
           or (old.status = 'VERIFIED' and new.status not in ('VERIFIED', 'VOIDED')) then
          raise exception 'learning logs are never edited; only a pending log is verified or rejected, and a log is voided' using errcode = 'P0001';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger learning_log_immutable before update or delete on "learning_log" for each row execute function learning_log_immutable();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "attendance" drop constraint "attendance_log_id_foreign";`);

    this.addSql(`drop table if exists "learning_year_closure" cascade;`);

    this.addSql(`drop table if exists "learning_goal" cascade;`);

    this.addSql(`drop table if exists "learning_log" cascade;`);

    this.addSql(`drop table if exists "enrollment" cascade;`);

    this.addSql(`drop table if exists "attendance" cascade;`);

    this.addSql(`drop function if exists learning_log_immutable();`);
  }

}
