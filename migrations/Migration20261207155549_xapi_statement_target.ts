import { Migration } from '@mikro-orm/migrations';

export class Migration20261207155549_xapi_statement_target extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "xapi_statement" add column "target_id" uuid null;`);
    // Statements stored before: their StatementRef targets, so the GET filters find them through their targets too.
    this.addSql(`update "xapi_statement" set "target_id" = lower("statement"->'object'->>'id')::uuid where "statement"->'object'->>'objectType' = 'StatementRef';`);
    this.addSql(`create index "xapi_statement_target_index" on "xapi_statement" ("target_id") where "target_id" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "xapi_statement_target_index";`);
    this.addSql(`alter table "xapi_statement" drop column "target_id";`);
  }

}
