import { Migration } from '@mikro-orm/migrations';

export class Migration20261128223337_learning_log_attendance_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "learning_log_verified_attendance_index" on "learning_log" ("session_id", "occurred_on") include ("citizen_id") where source = 'ATTENDANCE' and status = 'VERIFIED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "learning_log_verified_attendance_index";`);
  }

}
