import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120124_assisted_entry extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "learning_goal" add column "entered_by_id" uuid null;`);
    this.addSql(`alter table "learning_goal" add constraint "learning_goal_entered_by_id_foreign" foreign key ("entered_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "learning_log" add column "verified_by_enterer" boolean not null default false;`);
    this.addSql(`alter table "learning_log" add constraint learning_log_enterer_verified_entered check(not verified_by_enterer or recorded_by_id is not null);`);
    // Who verified a log is part of the record: the flag is set only by the verification itself.
    this.addSql(`create or replace function learning_log_immutable() returns trigger language plpgsql as $$
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
           or (old.status = 'VERIFIED' and new.status not in ('VERIFIED', 'VOIDED'))
           or (new.verified_by_enterer is distinct from old.verified_by_enterer and not (old.status = 'PENDING' and new.status = 'VERIFIED')) then
          raise exception 'learning logs are never edited; only a pending log is verified or rejected, and a log is voided' using errcode = 'P0001';
        end if;
        return new;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "learning_goal" drop constraint "learning_goal_entered_by_id_foreign";`);
    this.addSql(`alter table "learning_goal" drop column "entered_by_id";`);

    this.addSql(`alter table "learning_log" drop constraint learning_log_enterer_verified_entered;`);
    this.addSql(`alter table "learning_log" drop column "verified_by_enterer";`);
    this.addSql(`create or replace function learning_log_immutable() returns trigger language plpgsql as $$
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
  }

}
