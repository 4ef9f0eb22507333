import { Migration } from '@mikro-orm/migrations';

/**
 * Criteria of a points definition (groups of indicators whose scores add up, titles.md) and the
 * pass rule's minimum per criterion. Adding columns fires no row trigger, so published
 * definitions get the defaults (no criteria, no criterion minimum) and keep their meaning.
 */
export class Migration20261206123000_title_criteria extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "title_definition" add column "criteria" jsonb not null default '[]', add column "criterion_minimum" numeric(8,4) null, add column "criterion_minimum_kind" text check ("criterion_minimum_kind" in ('ABSOLUTE', 'FRACTION_OF_MAXIMUM')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "title_definition" drop column "criteria", drop column "criterion_minimum", drop column "criterion_minimum_kind";`);
  }
}
