import { Migration } from '@mikro-orm/migrations';

export class Migration20261128221938_learning_log_covering_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "learning_log_citizen_id_occurred_on_index";`);
    this.addSql(`create index "learning_log_citizen_window_index" on "learning_log" ("citizen_id", "occurred_on") include ("status", "source", "hours", "topics", "result", "session_id", "institution_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "learning_log_citizen_window_index";`);
    this.addSql(`create index "learning_log_citizen_id_occurred_on_index" on "learning_log" ("citizen_id", "occurred_on");`);
  }

}
