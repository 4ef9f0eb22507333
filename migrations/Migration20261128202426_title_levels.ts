import { Migration } from '@mikro-orm/migrations';

/*
 * The titles engine's levels above citizens: a run records its phases for households,
 * organisations, clans, hamlets, communes, districts and the province.
 */
export class Migration20261128202426_title_levels extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "title_run" drop constraint if exists "title_run_phase_check";`);
    this.addSql(`alter table "title_run" add constraint "title_run_phase_check" check("phase" in ('CITIZENS', 'HOUSEHOLDS', 'ORGANISATIONS', 'CLANS', 'HAMLETS', 'COMMUNES', 'DISTRICTS', 'PROVINCES'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "title_run" drop constraint if exists "title_run_phase_check";`);
    this.addSql(`alter table "title_run" add constraint "title_run_phase_check" check("phase" in ('CITIZENS'));`);
  }

}
