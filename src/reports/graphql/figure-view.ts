import { toGlobalId } from '../../graphql/global-id';
import type { Figure } from '../figures/figure';

/** A figure as the schema shows it: the trend's periods as global ids. */
export function figureView(figure: Figure): Figure {
  return { ...figure, trend: figure.trend.map((point) => ({ ...point, periodId: toGlobalId('ReportPeriod', point.periodId) })) };
}
