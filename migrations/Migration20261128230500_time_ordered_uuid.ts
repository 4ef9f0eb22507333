import { Migration } from '@mikro-orm/migrations';

/**
 * Time-ordered UUIDs (the layout of UUID version 7: milliseconds since 1970, then random bits)
 * for the rows a titles run writes by the million: consecutive ids land on the same last pages of
 * the primary key's index instead of on a random page each.
 */
export class Migration20261128230500_time_ordered_uuid extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create or replace function uuid_time_ordered() returns uuid language sql volatile parallel safe ` +
        `as $$ select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists uuid_time_ordered();');
  }
}
