import { Entity, ManyToOne, OneToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { BaseEntity } from '../../infra/base.entity';
import { ReportPeriod } from '../periods/report-period.entity';
import { ReportSnapshot } from '../snapshots/report-snapshot.entity';

/**
 * The province's report for a period, made by the Department of Education: the province-wide
 * figures (a snapshot), the accepted reports it was built from, and the bodies that did not report.
 * Consolidating again makes the next version.
 */
@Entity({ tableName: 'consolidated_report' })
@Unique({ properties: ['period', 'version'] })
export class ConsolidatedReport extends BaseEntity<'createdBy'> {
  @ManyToOne(() => ReportPeriod)
  period!: ReportPeriod;

  @Property({ type: 'integer' })
  version!: number;

  @OneToOne(() => ReportSnapshot, { owner: true })
  snapshot!: ReportSnapshot;

  /** The accepted report versions consolidated. */
  @Property({ type: 'uuid[]' })
  reportIds!: string[];

  /** Reporting bodies of the period with no accepted report. */
  @Property({ type: 'uuid[]' })
  missingBodyIds!: string[];

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  createdBy: Account | null = null;
}
