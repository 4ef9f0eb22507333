import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120124_assisted_entry extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "learning_goal" add column "entered_by_id" uuid null;`);
    this.addSql(`alter table "learning_goal" add constraint "learning_goal_entered_by_id_foreign" foreign key ("entered_by_id") references "account" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "learning_log" add column "verified_by_enterer" boolean not null default false;`);
    this.addSql(`alter table "learning_log" add constraint learning_log_enterer_verified_entered check(not verified_by_enterer or recorded_by_id is not null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "learning_goal" drop constraint "learning_goal_entered_by_id_foreign";`);
    this.addSql(`alter table "learning_goal" drop column "entered_by_id";`);

    this.addSql(`alter table "learning_log" drop constraint learning_log_enterer_verified_entered;`);
    this.addSql(`alter table "learning_log" drop column "verified_by_enterer";`);
  }

}
