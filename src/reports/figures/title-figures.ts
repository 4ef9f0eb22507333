import { UnitLevel } from '../../catalogue/catalogue.enums';
import { TitleKind } from '../../titles/titles.enums';
import { FigureDimension, FigureUnit } from '../reports.enums';
import { percent, round2, type FigureBreakdown, type FigureDraft } from './figure';
import { TargetPopulation } from '../../titles/standings/standings.enums';
import type { TitleTarget } from '../../titles/standings/standings.entity';
import type { CitizenTitleRow, TitleCountRow } from './titles.sql';

interface TitleFigureKind {
  code: string;
  titleKind: TitleKind;
  unitLevel: UnitLevel | null;
  vi: string;
  en: string;
  unit: FigureUnit;
}

/** The titles a report counts, in the order they are shown. */
const TITLES: TitleFigureKind[] = [
  { code: 'LEARNING_CITIZEN', titleKind: TitleKind.LEARNING_CITIZEN, unitLevel: null, vi: 'Công dân học tập', en: 'Learning Citizens', unit: FigureUnit.PERSON },
  { code: 'LEARNING_FAMILY', titleKind: TitleKind.LEARNING_FAMILY, unitLevel: null, vi: 'Gia đình học tập', en: 'Learning Families', unit: FigureUnit.SUBJECT },
  { code: 'LEARNING_CLAN', titleKind: TitleKind.LEARNING_CLAN, unitLevel: null, vi: 'Dòng họ học tập', en: 'Learning Clans', unit: FigureUnit.SUBJECT },
  { code: 'LEARNING_COMMUNITY_HAMLET', titleKind: TitleKind.LEARNING_COMMUNITY, unitLevel: UnitLevel.HAMLET, vi: 'Cộng đồng học tập cấp thôn', en: 'Learning Communities (hamlets)', unit: FigureUnit.SUBJECT },
  { code: 'LEARNING_COMMUNITY_COMMUNE', titleKind: TitleKind.LEARNING_COMMUNITY, unitLevel: UnitLevel.COMMUNE, vi: 'Cộng đồng học tập cấp xã', en: 'Learning Communities (communes)', unit: FigureUnit.SUBJECT },
  { code: 'LEARNING_UNIT', titleKind: TitleKind.LEARNING_UNIT, unitLevel: null, vi: 'Đơn vị học tập', en: 'Learning Units', unit: FigureUnit.SUBJECT },
];

function holderRule(provisional: boolean): string {
  return provisional
    ? 'recognised by a decision for the year, or meeting the criteria in the latest progress of the year (the year is not closed at the cut-off)'
    : 'recognised by a decision for the year (not revoked)';
}

function citizenBreakdown(rows: CitizenTitleRow[], pick: (row: CitizenTitleRow) => number): FigureBreakdown[] {
  return rows
    .filter((row): row is CitizenTitleRow & { dimension: string; category: string } => row.dimension !== null && row.category !== null)
    .map((row) => ({ dimension: row.dimension as FigureDimension, category: row.category, value: pick(row) }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension) || a.category.localeCompare(b.category));
}

/** Per title: subjects evaluated, holders, and the holders' share against the national targets. */
export function titleFigures(counts: TitleCountRow[], citizens: CitizenTitleRow[], targets: TitleTarget[], year: number, provisional: boolean): FigureDraft[] {
  return TITLES.flatMap((title) => {
    const row = counts.find((count) => count.title_kind === title.titleKind && count.unit_level === title.unitLevel);
    const evaluated = row?.evaluated ?? 0;
    const holders = row?.holders ?? 0;
    const targetOf = (targetYear: number): number | null => {
      const target = targets.find(
        (item) => item.population === TargetPopulation.SUBJECTS && item.titleKind === title.titleKind && item.unitLevel === title.unitLevel && item.targetYear === targetYear,
      );
      return target ? round2(Number(target.share) * 100) : null;
    };
    const isCitizen = title.titleKind === TitleKind.LEARNING_CITIZEN;
    const breakdownOf = (pick: (row: CitizenTitleRow) => number) => (isCitizen ? citizenBreakdown(citizens, pick) : []);
    return [
      {
        code: `TITLE_${title.code}_EVALUATED`,
        labelVi: `${title.vi}: số được đánh giá`,
        labelEn: `${title.en}: evaluated`,
        definition: `Subjects of the scope with a progress row for ${title.en} in ${year}.`,
        unit: title.unit,
        value: evaluated,
        breakdown: breakdownOf((r) => r.evaluated),
      },
      {
        code: `TITLE_${title.code}_HOLDERS`,
        labelVi: `${title.vi}: số đạt danh hiệu`,
        labelEn: `${title.en}: holders`,
        definition: `Subjects evaluated for ${title.en} in ${year} ${holderRule(provisional)}.`,
        unit: title.unit,
        value: holders,
        breakdown: breakdownOf((r) => r.holders),
      },
      {
        code: `TITLE_${title.code}_SHARE`,
        labelVi: `${title.vi}: tỷ lệ đạt`,
        labelEn: `${title.en}: share of holders`,
        definition: `Holders ÷ subjects evaluated for ${title.en} in ${year}, in percent (0 when none was evaluated), against the national targets for 2025 and 2030.`,
        unit: FigureUnit.PERCENT,
        value: percent(holders, evaluated),
        target2025: targetOf(2025),
        target2030: targetOf(2030),
        breakdown: breakdownOf((r) => percent(r.holders, r.evaluated)),
      },
    ];
  });
}
