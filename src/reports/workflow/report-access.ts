import { isEducationDepartment } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ReportStatus } from '../reports.enums';
import type { Report } from './report.entity';

/**
 * Who reads a version of a report: the body's officers (and province admins) every version; the
 * Department of Education every version that is no longer a draft; nobody else.
 */
export async function canRead(ctx: RequestContext, report: Report): Promise<boolean> {
  if (report.status !== ReportStatus.DRAFT && isEducationDepartment(ctx.actor)) return true;
  return ctx.services.bodies.actsFor(ctx, report.body.id);
}
