import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import { BaseEntity } from '../../infra/base.entity';
import { ReportPeriodKind, ReportPeriodStatus } from '../reports.enums';

/**
 * A round of reports the province asks for: the annual report of a year (due 10 December) or a
 * review of several years (due when the province says). Figures count data up to the cut-off.
 */
@Entity({ tableName: 'report_period' })
@Unique({ properties: ['kind', 'fromYear', 'toYear'] })
@Check({ name: 'report_period_years', expression: 'from_year <= to_year' })
export class ReportPeriod extends BaseEntity<'status' | 'openedBy'> {
  @Enum({ items: () => ReportPeriodKind })
  kind!: ReportPeriodKind;

  @Property({ type: 'integer' })
  fromYear!: number;

  @Property({ type: 'integer' })
  toYear!: number;

  /** Last day of the data the figures count (included). */
  @Property({ type: 'string', columnType: 'date' })
  cutOffDate!: string;

  /** Last day a report is on time (included), Asia/Ho_Chi_Minh. */
  @Property({ type: 'string', columnType: 'date' })
  dueDate!: string;

  @Enum({ items: () => ReportPeriodStatus, default: ReportPeriodStatus.OPEN })
  status: ReportPeriodStatus = ReportPeriodStatus.OPEN;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  openedBy: Account | null = null;
}

/** A body that must report in a period, chosen when the period opens and adjustable after. */
@Entity({ tableName: 'reporting_body' })
@Unique({ properties: ['period', 'body'] })
@Index({ properties: ['body'] })
export class ReportingBody extends BaseEntity {
  @ManyToOne(() => ReportPeriod, { deleteRule: 'cascade' })
  period!: ReportPeriod;

  @ManyToOne(() => Body, { deleteRule: 'cascade' })
  body!: Body;
}
