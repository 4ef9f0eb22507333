import type { EntityManager } from '@mikro-orm/postgresql';
import { TitleTarget } from '../../titles/standings/standings.entity';
import type { ReportPeriod } from '../periods/report-period.entity';
import { hoursFigure, institutionFigures, participationFigures, resourceFigures } from './activity-figures';
import { countInstitutionActivity, countResourceActivity } from './activity.sql';
import type { Figure, FigureBasis, FigureDraft, FigureScope, TrendPoint } from './figure';
import { countParticipation, sumHoursByTopic } from './participation.sql';
import { titleFigures } from './title-figures';
import { countLearningCitizensByGroup, countTitleHolders, titleBasis } from './titles.sql';

/** What the citizen model cannot break figures down by, said in every report. */
const NOT_DISAGGREGATED = [
  'ethnic group: citizens carry only an ethnic-minority flag, not which group',
  'kind of disability: citizens carry only a disability flag',
  'figures of institutions and resources are not counted per person and are broken down by institution kind and kind of use only',
];

export interface ComputedFigures {
  figures: Figure[];
  basis: FigureBasis;
}

/** The days and title year a period's figures count, over a unit's subtree. */
export function scopeOf(period: ReportPeriod, unitPath: string): FigureScope {
  const lastDayOfYears = `${period.toYear}-12-31`;
  return {
    unitPath,
    fromYear: period.fromYear,
    toYear: period.toYear,
    fromDate: `${period.fromYear}-01-01`,
    toDate: period.cutOffDate < lastDayOfYears ? period.cutOffDate : lastDayOfYears,
    provisionalTitles: period.cutOffDate <= lastDayOfYears,
  };
}

/**
 * Computes a report's figures: a handful of set-based statements over the scope, deterministic
 * for the same data (every list sorted), so a snapshot can be recomputed and compared.
 */
export class ReportFiguresService {
  /** Read-only. The figures of a unit's subtree for a period, trends given by `trendOf`. */
  async compute(em: EntityManager, period: ReportPeriod, unitPath: string, trendOf: (code: string) => TrendPoint[] = () => []): Promise<ComputedFigures> {
    const scope = scopeOf(period, unitPath);
    const [titles, citizens, participation, hours, institutions, resources, basis, targets] = [
      await countTitleHolders(em, scope),
      await countLearningCitizensByGroup(em, scope),
      await countParticipation(em, scope),
      await sumHoursByTopic(em, scope),
      await countInstitutionActivity(em, scope),
      await countResourceActivity(em, scope),
      await titleBasis(em, scope),
      await em.find(TitleTarget, {}),
    ];
    const drafts: FigureDraft[] = [
      ...titleFigures(titles, citizens, targets, scope.toYear, scope.provisionalTitles),
      ...participationFigures(participation),
      hoursFigure(hours),
      ...institutionFigures(institutions),
      ...resourceFigures(resources),
    ];
    return {
      figures: drafts.map((draft) => ({ target2025: null, target2030: null, ...draft, trend: trendOf(draft.code) })),
      basis: {
        cutOffDate: period.cutOffDate,
        fromDate: scope.fromDate,
        toDate: scope.toDate,
        titleYear: scope.toYear,
        rulesets: basis.rulesets,
        titleRunIds: basis.run_ids,
        notDisaggregated: NOT_DISAGGREGATED,
      },
    };
  }
}
