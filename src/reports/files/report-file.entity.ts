import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import { ConsolidatedReport } from '../consolidation/consolidated-report.entity';
import { Report } from '../workflow/report.entity';

export enum ReportFileFormat {
  DOCX = 'DOCX',
  XLSX = 'XLSX',
  PDF = 'PDF',
}

export enum ReportFileStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}

/**
 * A file rendered from a submitted report's snapshot or a consolidated report, by the reports
 * worker. Exactly one source; the snapshot never changes, so a READY file stays true to it.
 */
@Entity({ tableName: 'report_file' })
@Check({ name: 'report_file_one_source', expression: 'num_nonnulls(report_id, consolidated_report_id) = 1' })
@Index({ properties: ['report', 'format'] })
@Index({ properties: ['consolidatedReport', 'format'] })
export class ReportFile extends BaseEntity<'report' | 'consolidatedReport' | 'status' | 'storageKey' | 'sizeBytes' | 'sha256' | 'error'> {
  @ManyToOne(() => Report, { nullable: true, deleteRule: 'cascade' })
  report: Report | null = null;

  @ManyToOne(() => ConsolidatedReport, { nullable: true, deleteRule: 'cascade' })
  consolidatedReport: ConsolidatedReport | null = null;

  @Enum({ items: () => ReportFileFormat })
  format!: ReportFileFormat;

  @Enum({ items: () => ReportFileStatus, default: ReportFileStatus.QUEUED })
  status: ReportFileStatus = ReportFileStatus.QUEUED;

  @Property({ type: 'string', length: 300, nullable: true })
  storageKey: string | null = null;

  @Property({ type: 'integer', nullable: true })
  sizeBytes: number | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  sha256: string | null = null;

  /** Why rendering failed. */
  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
