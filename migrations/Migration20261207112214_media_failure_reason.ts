import { Migration } from '@mikro-orm/migrations';

export class Migration20261207112214_media_failure_reason extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "media_step" add column "failure_reason" text check ("failure_reason" in ('VIDEO_UNREADABLE', 'AUDIO_UNREADABLE', 'NO_VIDEO_STREAM', 'NO_AUDIO_STREAM', 'IMAGE_UNREADABLE', 'TOO_MANY_PIXELS', 'DOCUMENT_UNREADABLE', 'TIMED_OUT', 'STORAGE_FAILED', 'UNKNOWN')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "media_step" drop column "failure_reason";`);
  }

}
