import { Migration } from '@mikro-orm/migrations';

export class Migration20261207021303_feed_items extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "feed_item" ("kind" varchar(32) not null, "item_id" uuid not null, "change_number" bigint null, constraint "feed_item_pkey" primary key ("kind", "item_id"));`);
    this.addSql(`create index "feed_item_pending_index" on "feed_item" ("kind") where "change_number" is null;`);
    this.addSql(`create index "feed_item_kind_change_number_index" on "feed_item" ("kind", "change_number");`);

    // Written by hand (MikroORM does not generate triggers): writers only mark items pending, never take a lock the
    // feed's numbering holds, so a catalogue write cannot deadlock with it.
    this.addSql(`create sequence "feed_change_number_seq";`);
    this.addSql(`create function feed_item_pending(item_kind text, item_ids uuid[]) returns void language sql as $$
      insert into feed_item (kind, item_id, change_number) select item_kind, unnest(item_ids), null
      on conflict (kind, item_id) do update set change_number = null where feed_item.change_number is not null
    $$;`);
    this.addSql(`create function feed_programme_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          perform feed_item_pending('SessionSeries', array[old.id]);
          return null;
        end if;
        perform feed_item_pending('SessionSeries', array[new.id]);
        -- A session's visibility and status follow its programme's.
        if tg_op = 'UPDATE' and new.status is distinct from old.status then
          perform feed_item_pending('ScheduledSession', array(select s.id from programme_session s where s.programme_id = new.id));
        end if;
        return null;
      end $$;`);
    this.addSql(`create function feed_session_changed() returns trigger language plpgsql as $$
      begin
        perform feed_item_pending('ScheduledSession', array[(case when tg_op = 'DELETE' then old else new end).id]);
        return null;
      end $$;`);
    this.addSql(`create function feed_institution_changed() returns trigger language plpgsql as $$
      begin
        -- A programme carries its organiser's name and place (an institution with programmes is never deleted).
        perform feed_item_pending('SessionSeries', array(select p.id from programme p where p.institution_id = new.id));
        return null;
      end $$;`);
    this.addSql(`create trigger feed_programme_changed after insert or update or delete on programme for each row execute function feed_programme_changed();`);
    this.addSql(`create trigger feed_session_changed after insert or update or delete on programme_session for each row execute function feed_session_changed();`);
    this.addSql(`create trigger feed_institution_changed after update of name, kind, address, latitude, longitude, unit_id, status on institution for each row execute function feed_institution_changed();`);
    this.addSql(`insert into feed_item (kind, item_id) select 'SessionSeries', id from programme;`);
    this.addSql(`insert into feed_item (kind, item_id) select 'ScheduledSession', id from programme_session;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists feed_institution_changed on institution;`);
    this.addSql(`drop trigger if exists feed_session_changed on programme_session;`);
    this.addSql(`drop trigger if exists feed_programme_changed on programme;`);
    this.addSql(`drop function if exists feed_institution_changed();`);
    this.addSql(`drop function if exists feed_session_changed();`);
    this.addSql(`drop function if exists feed_programme_changed();`);
    this.addSql(`drop function if exists feed_item_pending(text, uuid[]);`);
    this.addSql(`drop sequence if exists "feed_change_number_seq";`);
    this.addSql(`drop table if exists "feed_item" cascade;`);
  }

}
