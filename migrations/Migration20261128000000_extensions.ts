import { Migration } from '@mikro-orm/migrations';

/**
 * Extensions the catalogue's search relies on (all ship with PostgreSQL), and an IMMUTABLE
 * wrapper of unaccent so it can be used in generated columns and index expressions.
 */
export class Migration20261128000000_extensions extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists unaccent;');
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql('create extension if not exists cube;');
    this.addSql('create extension if not exists earthdistance;');
    this.addSql(
      `create or replace function immutable_unaccent(text) returns text language sql immutable parallel safe strict ` +
        `as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists immutable_unaccent(text);');
  }
}
