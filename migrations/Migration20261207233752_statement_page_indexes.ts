import { Migration } from '@mikro-orm/migrations';

export class Migration20261207233752_statement_page_indexes extends Migration {

  override async up(): Promise<void> {
    // The schema diff does not compare an index's expression: the verb index's new columns and predicate are written here.
    this.addSql(`drop index "xapi_statement_verb_index";`);
    this.addSql(`create index "xapi_statement_verb_index" on "xapi_statement" ("verb_id", "stored", "id") where not "voided";`);
    this.addSql(`create index "xapi_statement_ref_stored_index" on "xapi_statement" ("stored", "id") where "target_filter_keys" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "xapi_statement_ref_stored_index";`);
    this.addSql(`drop index "xapi_statement_verb_index";`);
    this.addSql(`create index "xapi_statement_verb_index" on "xapi_statement" ("verb_id", "stored");`);
  }

}
