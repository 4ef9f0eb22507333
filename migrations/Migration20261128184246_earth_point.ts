import { Migration } from '@mikro-orm/migrations';

/**
 * Stores each institution's earthdistance point, so radius queries read it from the row instead
 * of computing `ll_to_earth(latitude, longitude)` for every candidate, and indexes it in place of
 * the expression index.
 */
export class Migration20261128184246_earth_point extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "institution_location_index";`);

    this.addSql(`alter table "institution" add column "earth_point" cube generated always as (ll_to_earth(latitude, longitude)) stored null;`);
    this.addSql(`create index "institution_earth_point_index" on "institution" using gist ("earth_point");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "institution_earth_point_index";`);
    this.addSql(`alter table "institution" drop column "earth_point";`);

    this.addSql(`create index "institution_location_index" on "institution" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null;`);
  }

}
