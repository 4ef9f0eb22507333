import { Migration } from '@mikro-orm/migrations';

export class Migration20261206220228_attachments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_attachment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "report_id" uuid not null, "upload_id" uuid not null, "content_type" varchar(100) null, "sha256" varchar(64) null, "uploaded_at" timestamptz null, "uploaded_by_id" uuid null, constraint "report_attachment_pkey" primary key ("id"));`);
    this.addSql(`alter table "report_attachment" add constraint "report_attachment_upload_id_unique" unique ("upload_id");`);
    this.addSql(`create index "report_attachment_report_id_index" on "report_attachment" ("report_id");`);

    this.addSql(`alter table "report_attachment" add constraint "report_attachment_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "report_attachment" add constraint "report_attachment_upload_id_foreign" foreign key ("upload_id") references "media_upload" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "report_attachment" add constraint "report_attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "report_snapshot" add column "attachments" jsonb not null default '[]';`);

    this.addSql(`alter table "media_upload" alter column "institution_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_attachment" cascade;`);

    this.addSql(`delete from "media_upload" where "institution_id" is null;`);
    this.addSql(`alter table "media_upload" alter column "institution_id" set not null;`);

    this.addSql(`alter table "report_snapshot" drop column "attachments";`);
  }

}
