import { ReportAttachmentService } from './attachments/attachment.service';
import { ConsolidationService } from './consolidation/consolidation.service';
import { ReportFiguresService } from './figures/figures.service';
import { ReportFileService } from './files/report-file.service';
import type { Storage } from '../infra/storage';
import { ReportPeriodService } from './periods/report-period.service';
import { SnapshotService } from './snapshots/snapshot.service';
import { ReportService } from './workflow/report.service';
import { ReportReviewService } from './workflow/review.service';

/** The reports domain's services: periods, a body's reports and their attachments, the Department's review, consolidation, files. */
export interface ReportServices {
  periods: ReportPeriodService;
  figures: ReportFiguresService;
  snapshots: SnapshotService;
  reports: ReportService;
  attachments: ReportAttachmentService;
  review: ReportReviewService;
  consolidation: ConsolidationService;
  files: ReportFileService;
}

export function createReportServices(storage: () => Storage): ReportServices {
  const periods = new ReportPeriodService();
  const figures = new ReportFiguresService();
  const snapshots = new SnapshotService(figures);
  const reports = new ReportService(periods, snapshots);
  const consolidation = new ConsolidationService(periods, snapshots);
  return {
    periods,
    figures,
    snapshots,
    reports,
    attachments: new ReportAttachmentService(reports),
    review: new ReportReviewService(periods, snapshots),
    consolidation,
    files: new ReportFileService(reports, periods, storage),
  };
}
