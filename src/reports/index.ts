import { ConsolidationService } from './consolidation/consolidation.service';
import { ReportFiguresService } from './figures/figures.service';
import { ReportPeriodService } from './periods/report-period.service';
import { SnapshotService } from './snapshots/snapshot.service';
import { ReportService } from './workflow/report.service';
import { ReportReviewService } from './workflow/review.service';

/** The reports domain's services: periods, a body's reports, the Department's review, consolidation. */
export interface ReportServices {
  periods: ReportPeriodService;
  figures: ReportFiguresService;
  snapshots: SnapshotService;
  reports: ReportService;
  review: ReportReviewService;
  consolidation: ConsolidationService;
}

export function createReportServices(): ReportServices {
  const periods = new ReportPeriodService();
  const figures = new ReportFiguresService();
  const snapshots = new SnapshotService(figures);
  return {
    periods,
    figures,
    snapshots,
    reports: new ReportService(periods, snapshots),
    review: new ReportReviewService(periods, snapshots),
    consolidation: new ConsolidationService(periods, snapshots),
  };
}
