import { Migration } from '@mikro-orm/migrations';

export class Migration20261207111711_report_file extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_file" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "report_id" uuid null, "consolidated_report_id" uuid null, "format" text check ("format" in ('DOCX', 'XLSX', 'PDF')) not null, "status" text check ("status" in ('QUEUED', 'RUNNING', 'READY', 'FAILED')) not null default 'QUEUED', "storage_key" varchar(300) null, "size_bytes" int null, "sha256" varchar(64) null, "error" text null, constraint "report_file_pkey" primary key ("id"), constraint report_file_one_source check (num_nonnulls(report_id, consolidated_report_id) = 1));`);
    this.addSql(`create index "report_file_consolidated_report_id_format_index" on "report_file" ("consolidated_report_id", "format");`);
    this.addSql(`create index "report_file_report_id_format_index" on "report_file" ("report_id", "format");`);

    this.addSql(`alter table "report_file" add constraint "report_file_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "report_file" add constraint "report_file_consolidated_report_id_foreign" foreign key ("consolidated_report_id") references "consolidated_report" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_file" cascade;`);
  }
}
