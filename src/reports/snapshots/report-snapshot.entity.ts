import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import type { Figure, FigureBasis } from '../figures/figure';

/**
 * Figures frozen when a report was submitted or consolidated, with what they were computed from
 * and the sha256 of their canonical JSON ({ basis, figures }). Never changed after it is written.
 */
@Entity({ tableName: 'report_snapshot' })
export class ReportSnapshot extends BaseEntity {
  @Property({ type: 'json' })
  figures!: Figure[];

  @Property({ type: 'json' })
  basis!: FigureBasis;

  @Property({ type: 'string', length: 64 })
  checksum!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  computedAt!: Date;
}
