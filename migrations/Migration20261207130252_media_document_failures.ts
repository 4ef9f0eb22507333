import { Migration } from '@mikro-orm/migrations';

export class Migration20261207130252_media_document_failures extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "media_step" drop constraint if exists "media_step_failure_reason_check";`);
    this.addSql(`alter table "media_step" add constraint "media_step_failure_reason_check" check("failure_reason" in ('VIDEO_UNREADABLE', 'AUDIO_UNREADABLE', 'NO_VIDEO_STREAM', 'NO_AUDIO_STREAM', 'IMAGE_UNREADABLE', 'TOO_MANY_PIXELS', 'DOCUMENT_UNREADABLE', 'DOCUMENT_ENCRYPTED', 'TOO_MANY_PAGES', 'TIMED_OUT', 'STORAGE_FAILED', 'UNKNOWN'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "media_step" drop constraint if exists "media_step_failure_reason_check";`);
    this.addSql(`alter table "media_step" add constraint "media_step_failure_reason_check" check("failure_reason" in ('VIDEO_UNREADABLE', 'AUDIO_UNREADABLE', 'NO_VIDEO_STREAM', 'NO_AUDIO_STREAM', 'IMAGE_UNREADABLE', 'TOO_MANY_PIXELS', 'DOCUMENT_UNREADABLE', 'TIMED_OUT', 'STORAGE_FAILED', 'UNKNOWN'));`);
  }

}
