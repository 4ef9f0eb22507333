import { Migration } from '@mikro-orm/migrations';

export class Migration20261207164419_statement_learning_rules extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "xapi_learning_mapping" add column "exported" boolean not null default false;`);
    this.addSql(`create unique index "xapi_learning_mapping_exported_unique" on "xapi_learning_mapping" ("result") where "exported";`);
    // Exported statements keep the verbs and types they had: completed a course, attended a meeting.
    this.addSql(`update "xapi_learning_mapping" set "exported" = true where ("verb_id", "activity_type") in (('http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/activities/course'), ('http://adlnet.gov/expapi/verbs/attended', 'http://adlnet.gov/expapi/activities/meeting'));`);

    this.addSql(`alter table "xapi_statement" add column "learning_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "xapi_learning_mapping_exported_unique";`);
    this.addSql(`alter table "xapi_learning_mapping" drop column "exported";`);

    this.addSql(`alter table "xapi_statement" drop column "learning_reason";`);
  }

}
