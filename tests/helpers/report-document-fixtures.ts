import { BodyKind } from '../../src/bodies/body.enums';
import type { Figure, FigureBasis } from '../../src/reports/figures/figure';
import { FigureDimension, FigureUnit, ReportPeriodKind } from '../../src/reports/reports.enums';
import type { ConsolidatedSource, ReportSource } from '../../src/reports/files/report-document';

export const SAMPLE_BASIS: FigureBasis = {
  cutOffDate: '2026-12-10',
  fromDate: '2026-01-01',
  toDate: '2026-12-10',
  titleYear: 2026,
  rulesets: [{ code: 'LEARNING_CITIZEN', version: 1 }],
  titleRunIds: [],
  notDisaggregated: ['dân tộc cụ thể', 'dạng khuyết tật'],
};

/** A few figures as the platform computes them: a count with its breakdown and trend, a share against targets. */
export const SAMPLE_FIGURES: Figure[] = [
  {
    code: 'PARTICIPANTS_15_PLUS',
    labelVi: 'Người từ 15 tuổi tham gia học tập',
    labelEn: 'Residents of 15 or more who learned',
    definition: 'Residents of 15 or more with at least one verified activity.',
    unit: FigureUnit.PERSON,
    value: 1234,
    target2025: null,
    target2030: null,
    breakdown: [
      { dimension: FigureDimension.GENDER, category: 'FEMALE', value: 700 },
      { dimension: FigureDimension.GENDER, category: 'MALE', value: 534 },
      { dimension: FigureDimension.AGE_BAND, category: '15-24', value: 300 },
      { dimension: FigureDimension.ETHNIC_MINORITY, category: 'true', value: 12 },
      { dimension: FigureDimension.OCCUPATIONAL_GROUP, category: 'FARMER', value: 410 },
    ],
    trend: [{ periodId: '00000000-0000-0000-0000-000000000001', fromYear: 2025, toYear: 2025, value: 1001 }],
  },
  {
    code: 'TITLE_LEARNING_CITIZEN_HOLDERS',
    labelVi: 'Công dân học tập: số đạt danh hiệu',
    labelEn: 'Learning Citizens: holders',
    definition: 'Holders.',
    unit: FigureUnit.PERSON,
    value: 321,
    target2025: null,
    target2030: null,
    breakdown: [],
    trend: [{ periodId: '00000000-0000-0000-0000-000000000001', fromYear: 2025, toYear: 2025, value: 250 }],
  },
  {
    code: 'TITLE_LEARNING_CITIZEN_SHARE',
    labelVi: 'Công dân học tập: tỷ lệ đạt',
    labelEn: 'Learning Citizens: share of holders',
    definition: 'Holders ÷ evaluated.',
    unit: FigureUnit.PERCENT,
    value: 42.5,
    target2025: 40,
    target2030: 60,
    breakdown: [],
    trend: [],
  },
  {
    code: 'TITLE_LEARNING_FAMILY_SHARE',
    labelVi: 'Gia đình học tập: tỷ lệ đạt',
    labelEn: 'Learning Families: share of holders',
    definition: 'Holders ÷ evaluated.',
    unit: FigureUnit.PERCENT,
    value: 71.25,
    target2025: 70,
    target2030: 80,
    breakdown: [],
    trend: [],
  },
];

export const SAMPLE_REPORT: ReportSource = {
  periodKind: ReportPeriodKind.ANNUAL,
  fromYear: 2026,
  toYear: 2026,
  body: { name: 'Ủy ban nhân dân Phường Long An', shortName: 'UBND', kind: BodyKind.PEOPLES_COMMITTEE, unitName: 'Phường Long An', superiorName: 'Ủy ban nhân dân tỉnh Tây Ninh' },
  narrative: {
    achievements: 'Phường đã tổ chức 12 lớp tin học cho người cao tuổi.\nThư viện phường mở cửa cả thứ Bảy.',
    policies: 'Ban hành Kế hoạch số 45/KH-UBND về xây dựng xã hội học tập.',
    propaganda: null,
    models: 'Mô hình "Gia đình học tập" ở Khu phố 1.',
    difficulties: 'Kinh phí còn hạn chế.',
    proposals: 'Đề nghị tỉnh hỗ trợ thiết bị cho trung tâm học tập cộng đồng.',
  },
  version: 1,
  submittedAt: new Date('2026-12-05T03:00:00Z'),
  figures: SAMPLE_FIGURES,
  basis: SAMPLE_BASIS,
  checksum: 'a'.repeat(64),
};

export const SAMPLE_CONSOLIDATED: ConsolidatedSource = {
  periodKind: ReportPeriodKind.ANNUAL,
  fromYear: 2026,
  toYear: 2026,
  provinceName: 'Tỉnh Tây Ninh',
  version: 1,
  createdAt: new Date('2026-12-15T03:00:00Z'),
  figures: SAMPLE_FIGURES,
  basis: SAMPLE_BASIS,
  checksum: 'b'.repeat(64),
  reports: [
    { bodyName: 'Ủy ban nhân dân Phường Long An', late: false, figures: SAMPLE_FIGURES },
    { bodyName: 'Ủy ban nhân dân Phường Khánh Hậu', late: true, figures: SAMPLE_FIGURES.map((figure) => (figure.code === 'TITLE_LEARNING_CITIZEN_SHARE' ? { ...figure, value: 31.4 } : figure)) },
  ],
  missingBodies: ['Ủy ban nhân dân Xã Bến Lức'],
};
