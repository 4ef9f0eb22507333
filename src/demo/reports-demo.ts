import type { Body } from '../bodies/body.entity';
import type { RequestContext } from '../core/context';
import { ReportPeriodKind } from '../reports/reports.enums';

/**
 * Report periods of the demo: the 2025 annual period (its reports came after 10 December 2025,
 * so late) and the open 2026 one, with a few submitted, accepted and draft reports and a
 * consolidated report of 2026. Runs inside the demo transaction, acting as the province admin
 * (who may act for every body and for the Department).
 */
export async function loadReportsDemo(ctx: RequestContext, bodies: Map<string, Body>): Promise<void> {
  const { periods, reports, review, consolidation } = ctx.services.reports;
  const body = (key: string) => bodies.get(key) as Body;
  const past = await periods.open(ctx, { kind: ReportPeriodKind.ANNUAL, fromYear: 2025, toYear: 2025, cutOffDate: null, dueDate: null });
  const current = await periods.open(ctx, { kind: ReportPeriodKind.ANNUAL, fromYear: 2026, toYear: 2026, cutOffDate: null, dueDate: null });
  const submit = async (periodId: string, key: string, achievements: string) => {
    const draft = await reports.prepare(ctx, periodId, body(key).id);
    await reports.updateDraft(ctx, draft.id, { achievements, difficulties: 'Kinh phí cho Trung tâm học tập cộng đồng còn hạn chế.', proposals: 'Đề nghị tỉnh hỗ trợ tập huấn kỹ năng số cho người dân.' });
    return reports.submit(ctx, draft.id);
  };
  await review.accept(ctx, (await submit(past.id, 'longAn', 'Tổ chức các lớp kỹ năng số và ngoại ngữ tại thư viện phường.')).id);
  await submit(past.id, 'khanhHau', 'Duy trì sinh hoạt câu lạc bộ đọc sách ở các khu phố.');
  await review.accept(ctx, (await submit(current.id, 'longAn', 'Mở rộng mô hình gia đình học tập ở các khu phố.')).id);
  await submit(current.id, 'khanhHau', 'Phát động phong trào công dân học tập trong cán bộ, công chức.');
  await reports.prepare(ctx, current.id, body('benLuc').id);
  await consolidation.consolidate(ctx, current.id);
}
