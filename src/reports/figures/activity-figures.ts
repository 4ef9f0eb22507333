import { FigureDimension, FigureUnit } from '../reports.enums';
import { percent, round2, type FigureBreakdown, type FigureDraft } from './figure';
import type { InstitutionActivityRow, ResourceActivityRow } from './activity.sql';
import type { ParticipationRow, TopicHoursRow } from './participation.sql';

function personBreakdown(rows: ParticipationRow[], pick: (row: ParticipationRow) => number): FigureBreakdown[] {
  return rows
    .filter((row) => row.dimension !== null && row.category !== null)
    .map((row) => ({ dimension: row.dimension as FigureDimension, category: row.category as string, value: pick(row) }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension) || a.category.localeCompare(b.category));
}

/** Residents 15+, those learning, and completions in digital skills and foreign languages. */
export function participationFigures(rows: ParticipationRow[]): FigureDraft[] {
  const total = rows.find((row) => row.dimension === null) ?? { residents: 0, active: 0, digital: 0, language: 0 };
  const days = 'in the period (from its first year\'s 1 January to the data cut-off)';
  return [
    {
      code: 'RESIDENTS_15_PLUS',
      labelVi: 'Người dân từ 15 tuổi trở lên',
      labelEn: 'Residents aged 15 or more',
      definition: 'Citizens living in the scope, registered by the last day counted, aged 15 or more in the last year of the period (year − birth year).',
      unit: FigureUnit.PERSON,
      value: total.residents,
      breakdown: personBreakdown(rows, (row) => row.residents),
    },
    {
      code: 'PARTICIPANTS_15_PLUS',
      labelVi: 'Người từ 15 tuổi có hoạt động học tập được xác nhận',
      labelEn: 'Residents 15+ with a verified learning activity',
      definition: `Residents aged 15 or more with at least one VERIFIED learning log ${days}.`,
      unit: FigureUnit.PERSON,
      value: total.active,
      breakdown: personBreakdown(rows, (row) => row.active),
    },
    {
      code: 'PARTICIPATION_SHARE',
      labelVi: 'Tỷ lệ người từ 15 tuổi tham gia học tập',
      labelEn: 'Share of residents 15+ learning',
      definition: 'Residents 15+ with a verified learning activity ÷ residents 15+, in percent.',
      unit: FigureUnit.PERCENT,
      value: percent(total.active, total.residents),
      breakdown: personBreakdown(rows, (row) => percent(row.active, row.residents)),
    },
    {
      code: 'DIGITAL_SKILLS_COMPLETIONS',
      labelVi: 'Người hoàn thành học kỹ năng số',
      labelEn: 'People who completed digital-skills learning',
      definition: `Residents 15+ with a VERIFIED log of topic DIGITAL_SKILLS and result COMPLETED ${days}.`,
      unit: FigureUnit.PERSON,
      value: total.digital,
      breakdown: personBreakdown(rows, (row) => row.digital),
    },
    {
      code: 'FOREIGN_LANGUAGE_COMPLETIONS',
      labelVi: 'Người hoàn thành học ngoại ngữ',
      labelEn: 'People who completed foreign-language learning',
      definition: `Residents 15+ with a VERIFIED log of topic FOREIGN_LANGUAGE and result COMPLETED ${days}.`,
      unit: FigureUnit.PERSON,
      value: total.language,
      breakdown: personBreakdown(rows, (row) => row.language),
    },
  ];
}

export function hoursFigure(rows: TopicHoursRow[]): FigureDraft {
  return {
    code: 'LEARNING_HOURS',
    labelVi: 'Số giờ học tập được xác nhận',
    labelEn: 'Verified hours of learning',
    definition: "Hours of the VERIFIED learning logs of the scope's residents in the period; by topic, a log of several topics counts in each.",
    unit: FigureUnit.HOUR,
    value: round2(rows.find((row) => row.topic === null)?.hours ?? 0),
    breakdown: rows
      .filter((row) => row.topic !== null)
      .map((row) => ({ dimension: FigureDimension.TOPIC, category: row.topic as string, value: round2(row.hours) }))
      .sort((a, b) => a.category.localeCompare(b.category)),
  };
}

export function institutionFigures(rows: InstitutionActivityRow[]): FigureDraft[] {
  const total = rows.find((row) => row.kind === null) ?? { programmes: 0, sessions: 0, attendances: 0 };
  const byKind = (pick: (row: InstitutionActivityRow) => number) =>
    rows
      .filter((row) => row.kind !== null)
      .map((row) => ({ dimension: FigureDimension.INSTITUTION_KIND, category: row.kind as string, value: pick(row) }))
      .sort((a, b) => a.category.localeCompare(b.category));
  const held = 'not cancelled, starting on a day of the period (Vietnam time), at an institution of the scope';
  return [
    { code: 'PROGRAMMES_ACTIVE', labelVi: 'Chương trình có buổi học', labelEn: 'Programmes with sessions held', definition: `Programmes with at least one session ${held}.`, unit: FigureUnit.COUNT, value: total.programmes, breakdown: byKind((r) => r.programmes) },
    { code: 'SESSIONS_HELD', labelVi: 'Buổi học đã tổ chức', labelEn: 'Sessions held', definition: `Programme sessions ${held}.`, unit: FigureUnit.COUNT, value: total.sessions, breakdown: byKind((r) => r.sessions) },
    { code: 'ATTENDANCES', labelVi: 'Lượt người tham dự', labelEn: 'Attendances', definition: 'VERIFIED learning logs of the sessions held.', unit: FigureUnit.COUNT, value: total.attendances, breakdown: byKind((r) => r.attendances) },
  ];
}

export function resourceFigures(row: ResourceActivityRow): FigureDraft[] {
  return [
    { code: 'RESOURCES_AVAILABLE', labelVi: 'Học liệu đang chia sẻ', labelEn: 'Resources available', definition: "Learning resources of the scope's institutions published by the last day counted and not withdrawn by then.", unit: FigureUnit.COUNT, value: row.available, breakdown: [] },
    { code: 'RESOURCES_PUBLISHED', labelVi: 'Học liệu mới xuất bản', labelEn: 'Resources published', definition: "Learning resources of the scope's institutions first published in the period.", unit: FigureUnit.COUNT, value: row.published, breakdown: [] },
    {
      code: 'RESOURCE_USES',
      labelVi: 'Lượt sử dụng học liệu',
      labelEn: 'Uses of resources',
      definition: "Views and downloads of the scope's resources in the period, one per account, resource, day and kind.",
      unit: FigureUnit.COUNT,
      value: row.views + row.downloads,
      breakdown: [
        { dimension: FigureDimension.USAGE_KIND, category: 'DOWNLOAD', value: row.downloads },
        { dimension: FigureDimension.USAGE_KIND, category: 'VIEW', value: row.views },
      ],
    },
  ];
}
