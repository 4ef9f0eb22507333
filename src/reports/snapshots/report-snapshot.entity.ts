import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import type { Figure, FigureBasis } from '../figures/figure';

/** An attached file as a snapshot lists it, so its checksum covers the files too. */
export interface SnapshotAttachment {
  name: string;
  sha256: string;
}

/**
 * Figures frozen when a report was submitted or consolidated, with what they were computed from,
 * the report's attachments and the sha256 of their canonical JSON ({ basis, figures, attachments },
 * attachments left out when there are none). Never changed after it is written.
 */
@Entity({ tableName: 'report_snapshot' })
export class ReportSnapshot extends BaseEntity<'attachments'> {
  @Property({ type: 'json' })
  figures!: Figure[];

  @Property({ type: 'json' })
  basis!: FigureBasis;

  /** The report's attachments when it was submitted, by name; empty for a consolidated report. */
  @Property({ type: 'json', default: '[]' })
  attachments: SnapshotAttachment[] = [];

  @Property({ type: 'string', length: 64 })
  checksum!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  computedAt!: Date;
}
