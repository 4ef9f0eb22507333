import { Migration } from '@mikro-orm/migrations';

/**
 * The collectives' emulation checklists (III.1 of the province's plan) as a definition kind of the
 * titles engine: COLLECTIVE_EMULATION joins the title kinds every titles table may hold, and the four
 * phases that evaluate it join a run's phases. Changing a check constraint fires no row trigger, so
 * published definitions stay as they are.
 */
export class Migration20261206215957_emulation_criteria extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "title_attestation" drop constraint if exists "title_attestation_title_kind_check";`);
    this.addSql(`alter table "title_attestation" add constraint "title_attestation_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT', 'COLLECTIVE_EMULATION'));`);
    this.addSql(`alter table "title_award" drop constraint if exists "title_award_title_kind_check";`);
    this.addSql(`alter table "title_award" add constraint "title_award_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT', 'COLLECTIVE_EMULATION'));`);
    this.addSql(`alter table "title_definition" drop constraint if exists "title_definition_kind_check";`);
    this.addSql(`alter table "title_definition" add constraint "title_definition_kind_check" check("kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT', 'COLLECTIVE_EMULATION'));`);
    this.addSql(`alter table "title_progress" drop constraint if exists "title_progress_title_kind_check";`);
    this.addSql(`alter table "title_progress" add constraint "title_progress_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT', 'COLLECTIVE_EMULATION'));`);
    this.addSql(`alter table "title_progress_month" drop constraint if exists "title_progress_month_title_kind_check";`);
    this.addSql(`alter table "title_progress_month" add constraint "title_progress_month_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT', 'COLLECTIVE_EMULATION'));`);
    this.addSql(`alter table "title_target" drop constraint if exists "title_target_title_kind_check";`);
    this.addSql(`alter table "title_target" add constraint "title_target_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT', 'COLLECTIVE_EMULATION'));`);
    this.addSql(`alter table "title_run" drop constraint if exists "title_run_phase_check";`);
    this.addSql(`alter table "title_run" add constraint "title_run_phase_check" check("phase" in ('CITIZENS', 'HOUSEHOLDS', 'ORGANISATIONS', 'CLANS', 'HAMLETS', 'COMMUNES', 'DISTRICTS', 'PROVINCES', 'EMULATION_ORGANISATIONS', 'EMULATION_COMMUNES', 'EMULATION_DISTRICTS', 'EMULATION_PROVINCES'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "title_attestation" drop constraint if exists "title_attestation_title_kind_check";`);
    this.addSql(`alter table "title_attestation" add constraint "title_attestation_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT'));`);
    this.addSql(`alter table "title_award" drop constraint if exists "title_award_title_kind_check";`);
    this.addSql(`alter table "title_award" add constraint "title_award_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT'));`);
    this.addSql(`alter table "title_definition" drop constraint if exists "title_definition_kind_check";`);
    this.addSql(`alter table "title_definition" add constraint "title_definition_kind_check" check("kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT'));`);
    this.addSql(`alter table "title_progress" drop constraint if exists "title_progress_title_kind_check";`);
    this.addSql(`alter table "title_progress" add constraint "title_progress_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT'));`);
    this.addSql(`alter table "title_progress_month" drop constraint if exists "title_progress_month_title_kind_check";`);
    this.addSql(`alter table "title_progress_month" add constraint "title_progress_month_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT'));`);
    this.addSql(`alter table "title_target" drop constraint if exists "title_target_title_kind_check";`);
    this.addSql(`alter table "title_target" add constraint "title_target_title_kind_check" check("title_kind" in ('LEARNING_CITIZEN', 'LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_COMMUNITY', 'LEARNING_UNIT'));`);
    this.addSql(`alter table "title_run" drop constraint if exists "title_run_phase_check";`);
    this.addSql(`alter table "title_run" add constraint "title_run_phase_check" check("phase" in ('CITIZENS', 'HOUSEHOLDS', 'ORGANISATIONS', 'CLANS', 'HAMLETS', 'COMMUNES', 'DISTRICTS', 'PROVINCES'));`);
  }
}
