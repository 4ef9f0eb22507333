import { Entity, Index, ManyToOne, OneToOne, Property } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Upload } from '../../media/upload.entity';
import { Report } from '../workflow/report.entity';

/**
 * A file a body attached to a draft of its report (a decision, a plan, a photo), through the
 * platform's upload flow: its name, size and object are the upload's. Pending until the upload is
 * completed; an upload never completed is deleted with it by the uploads' cleanup.
 */
@Entity({ tableName: 'report_attachment' })
@Index({ properties: ['report'] })
export class ReportAttachment extends BaseEntity<'contentType' | 'sha256' | 'uploadedAt' | 'uploadedBy'> {
  @ManyToOne(() => Report, { deleteRule: 'cascade' })
  report!: Report;

  @OneToOne(() => Upload, { owner: true, deleteRule: 'cascade' })
  upload!: Upload;

  /** The real type, from the file's first bytes; null until completed. */
  @Property({ type: 'string', length: 100, nullable: true })
  contentType: string | null = null;

  /** SHA-256 (hex) of the file as it arrived; null until completed. */
  @Property({ type: 'string', length: 64, nullable: true })
  sha256: string | null = null;

  /** When the upload was completed; null while pending. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  uploadedAt: Date | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  uploadedBy: Account | null = null;
}
