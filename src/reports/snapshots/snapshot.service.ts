import type { EntityManager } from '@mikro-orm/postgresql';
import type { Figure, TrendPoint } from '../figures/figure';
import type { ComputedFigures, ReportFiguresService } from '../figures/figures.service';
import type { ReportPeriod } from '../periods/report-period.entity';
import { checksumOf } from './checksum';
import { ReportSnapshot, type SnapshotAttachment } from './report-snapshot.entity';

interface EarlierFigures {
  period_id: string;
  from_year: number;
  to_year: number;
  figures: Figure[];
}

/** Whose earlier figures a trend reads: a body's reports, or the province's consolidated reports. */
export type TrendSource = { bodyId: string } | { consolidated: true };

/**
 * The checksum of a snapshot's content: what it was computed from, the figures and the attached
 * files. Without attachments it is that of { basis, figures }, as before reports had any.
 */
export function snapshotChecksum(computed: ComputedFigures, attachments: SnapshotAttachment[]): string {
  return checksumOf({ basis: computed.basis, figures: computed.figures, attachments: attachments.length ? attachments : undefined });
}

/**
 * Freezes figures into snapshots and recomputes them. A trend is the same figure in the snapshots
 * of the earlier annual periods (the latest submitted or accepted version of each).
 */
export class SnapshotService {
  constructor(private readonly figures: ReportFiguresService) {}

  /** Read-only. The figures of a unit's subtree for a period, with their trends. */
  async compute(em: EntityManager, period: ReportPeriod, unitPath: string, source: TrendSource): Promise<ComputedFigures> {
    const earlier = await this.earlierFigures(em, period, source);
    const trendOf = (code: string): TrendPoint[] =>
      earlier.flatMap((row) => {
        const figure = row.figures.find((item) => item.code === code);
        return figure ? [{ periodId: row.period_id, fromYear: row.from_year, toYear: row.to_year, value: figure.value }] : [];
      });
    return this.figures.compute(em, period, unitPath, trendOf);
  }

  /** Transactional. Computes and freezes the figures with the attachments listed; the caller links the snapshot. */
  async freeze(em: EntityManager, period: ReportPeriod, unitPath: string, source: TrendSource, now: Date, attachments: SnapshotAttachment[] = []): Promise<ReportSnapshot> {
    const computed = await this.compute(em, period, unitPath, source);
    const snapshot = em.create(ReportSnapshot, { figures: computed.figures, basis: computed.basis, attachments, checksum: snapshotChecksum(computed, attachments), computedAt: now });
    await em.flush();
    return snapshot;
  }

  private async earlierFigures(em: EntityManager, period: ReportPeriod, source: TrendSource): Promise<EarlierFigures[]> {
    const rows =
      'bodyId' in source
        ? await em.execute<EarlierFigures[]>(
            `select distinct on (p.id) p.id as period_id, p.from_year, p.to_year, s.figures
             from report r join report_period p on p.id = r.period_id join report_snapshot s on s.id = r.snapshot_id
             where r.body_id = ? and p.kind = 'ANNUAL' and p.to_year < ? and r.status in ('SUBMITTED', 'ACCEPTED')
             order by p.id, r.version desc`,
            [source.bodyId, period.toYear],
          )
        : await em.execute<EarlierFigures[]>(
            `select distinct on (p.id) p.id as period_id, p.from_year, p.to_year, s.figures
             from consolidated_report c join report_period p on p.id = c.period_id join report_snapshot s on s.id = c.snapshot_id
             where p.kind = 'ANNUAL' and p.to_year < ?
             order by p.id, c.version desc`,
            [period.toYear],
          );
    return rows.sort((a, b) => a.to_year - b.to_year || a.period_id.localeCompare(b.period_id));
  }
}
