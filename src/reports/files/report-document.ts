import { labelOf } from '../../core/labels';
import { BodyKind } from '../../bodies/body.enums';
import { todayInVietnam, vietnameseDate } from '../../core/time';
import type { Figure, FigureBasis } from '../figures/figure';
import { FigureUnit, ReportPeriodKind } from '../reports.enums';
import type { Narrative } from '../workflow/report.entity';
import { categoryLabel } from './category-labels';

/** A cell of a table: numbers stay numbers (XLSX writes them as numeric cells). */
export type Cell = string | number | null;

/** A cell as DOCX and PDF print it: numbers in Vietnamese notation, an empty cell as a dash. */
export function cellText(value: Cell): string {
  if (value === null) return '–';
  return typeof value === 'number' ? value.toLocaleString('vi-VN', { maximumFractionDigits: 2 }) : value;
}

export interface DocumentTable {
  /** Short name, also the XLSX sheet's ("Chỉ tiêu", "Phân tổ", "Xu hướng"). */
  sheet: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

/** A bar chart: one group per category, one bar per series; an optional target per category drawn as a mark. */
export interface ChartSpec {
  title: string;
  unit: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  targets?: { name: string; values: (number | null)[] }[];
}

export interface DocumentSection {
  heading: string;
  paragraphs: string[];
}

/**
 * A report as officials send it, whatever the file: the heading of an administrative document
 * (Decree 30/2020/NĐ-CP), the narrative, the figures as tables and charts, recipients and signature.
 */
export interface ReportDocument {
  /** The body the issuer answers to, above its name; null for none. */
  superiorBody: string | null;
  issuingBody: string;
  /** "Số:      /BC-UBND": the number is written when the document is registered. */
  numberAndSymbol: string;
  /** "Long An, ngày 05 tháng 12 năm 2026". */
  placeAndDate: string;
  title: string;
  subtitle: string;
  sections: DocumentSection[];
  tables: DocumentTable[];
  charts: ChartSpec[];
  recipients: string[];
  /** "TM. ỦY BAN NHÂN DÂN" and the signer's title. */
  signature: { capacity: string; title: string };
  /** Where the figures come from (cut-off, checksum), printed under the tables. */
  basisNote: string;
}

/** What a body's submitted report is rendered from. */
export interface ReportSource {
  periodKind: ReportPeriodKind;
  fromYear: number;
  toYear: number;
  body: { name: string; shortName: string; kind: BodyKind; unitName: string; superiorName: string | null };
  narrative: Narrative;
  version: number;
  submittedAt: Date;
  figures: Figure[];
  basis: FigureBasis;
  checksum: string;
}

/** What the province's consolidated report is rendered from. */
export interface ConsolidatedSource {
  periodKind: ReportPeriodKind;
  fromYear: number;
  toYear: number;
  provinceName: string;
  version: number;
  createdAt: Date;
  figures: Figure[];
  basis: FigureBasis;
  checksum: string;
  /** The accepted reports consolidated, with their figures (for the chart per unit). */
  reports: { bodyName: string; late: boolean; figures: Figure[] }[];
  missingBodies: string[];
}

const NARRATIVE_HEADINGS: [keyof Narrative, string][] = [
  ['achievements', 'Kết quả thực hiện'],
  ['policies', 'Công tác chỉ đạo, ban hành văn bản'],
  ['propaganda', 'Công tác tuyên truyền'],
  ['models', 'Mô hình, sáng kiến'],
  ['difficulties', 'Khó khăn, vướng mắc'],
  ['proposals', 'Kiến nghị, đề xuất'],
];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const SHARE_OF_CITIZENS = 'TITLE_LEARNING_CITIZEN_SHARE';
/** The figures whose trend is drawn: the movement's headline counts. */
const TREND_CODES = ['PARTICIPANTS_15_PLUS', 'TITLE_LEARNING_CITIZEN_HOLDERS', 'TITLE_LEARNING_FAMILY_HOLDERS'];

function subtitleOf(kind: ReportPeriodKind, fromYear: number, toYear: number): string {
  switch (kind) {
    case ReportPeriodKind.ANNUAL:
      return `Kết quả xây dựng xã hội học tập, đẩy mạnh học tập suốt đời năm ${toYear}`;
    case ReportPeriodKind.INTERIM_REVIEW:
      return `Sơ kết xây dựng xã hội học tập giai đoạn ${fromYear}–${toYear}`;
    case ReportPeriodKind.FINAL_REVIEW:
      return `Tổng kết xây dựng xã hội học tập giai đoạn ${fromYear}–${toYear}`;
  }
}

/** The place name of a unit without its level ("Phường Long An" → "Long An"). */
export function placeOf(unitName: string): string {
  return unitName.replace(/^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Phường|Xã|Thị trấn|Đặc khu)\s+/u, '');
}

function dated(place: string, at: Date): string {
  return `${place}, ${vietnameseDate(todayInVietnam(at))}`;
}

function periodLabel(fromYear: number, toYear: number): string {
  return fromYear === toYear ? String(toYear) : `${fromYear}–${toYear}`;
}

function unitOf(figure: Figure): string {
  return labelOf('FigureUnit', figure.unit, 'vi');
}

/** The figures table, one table of every breakdown, and the trends: the same tables in every format. */
export function figureTables(figures: Figure[]): DocumentTable[] {
  const main: DocumentTable = {
    sheet: 'Chỉ tiêu',
    title: 'Bảng 1. Các chỉ tiêu do nền tảng tính',
    columns: ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị', 'Giá trị', 'Mục tiêu 2025', 'Mục tiêu 2030'],
    rows: figures.map((figure, index) => [index + 1, figure.code, figure.labelVi, unitOf(figure), figure.value, figure.target2025, figure.target2030]),
  };
  const breakdown: DocumentTable = {
    sheet: 'Phân tổ',
    title: 'Bảng 2. Số liệu phân tổ',
    columns: ['Mã', 'Chỉ tiêu', 'Tiêu chí phân tổ', 'Nhóm', 'Giá trị', 'Đơn vị'],
    rows: figures.flatMap((figure) =>
      figure.breakdown.map((item) => [figure.code, figure.labelVi, labelOf('FigureDimension', item.dimension, 'vi'), categoryLabel(item.dimension, item.category), item.value, unitOf(figure)]),
    ),
  };
  const trend: DocumentTable = {
    sheet: 'Xu hướng',
    title: 'Bảng 3. So sánh với các kỳ trước',
    columns: ['Mã', 'Chỉ tiêu', 'Kỳ', 'Giá trị'],
    rows: figures.flatMap((figure) => figure.trend.map((point) => [figure.code, figure.labelVi, periodLabel(point.fromYear, point.toYear), point.value])),
  };
  return [main, breakdown, trend].filter((table) => table.rows.length > 0);
}

function shareChart(figures: Figure[]): ChartSpec | null {
  const shares = figures.filter((figure) => figure.unit === FigureUnit.PERCENT && (figure.target2025 !== null || figure.target2030 !== null));
  if (!shares.length) return null;
  return {
    title: 'Tỷ lệ đạt danh hiệu so với mục tiêu',
    unit: '%',
    categories: shares.map((figure) => figure.labelVi.replace(/: tỷ lệ đạt$/u, '')),
    series: [{ name: 'Tỷ lệ đạt', values: shares.map((figure) => figure.value) }],
    targets: [
      { name: 'Mục tiêu 2025', values: shares.map((figure) => figure.target2025) },
      { name: 'Mục tiêu 2030', values: shares.map((figure) => figure.target2030) },
    ],
  };
}

function trendChart(figures: Figure[], current: string): ChartSpec | null {
  const drawn = TREND_CODES.map((code) => figures.find((figure) => figure.code === code)).filter((figure): figure is Figure => figure !== undefined);
  const periods = [...new Set(drawn.flatMap((figure) => figure.trend.map((point) => periodLabel(point.fromYear, point.toYear))))];
  if (!drawn.length || !periods.length) return null;
  const categories = [...periods, current];
  return {
    title: 'Xu hướng qua các kỳ báo cáo',
    unit: 'người / đối tượng',
    categories,
    series: drawn.map((figure) => ({
      name: figure.labelVi,
      values: categories.map((period) => (period === current ? figure.value : (figure.trend.find((point) => periodLabel(point.fromYear, point.toYear) === period)?.value ?? 0))),
    })),
  };
}

function narrativeSections(narrative: Narrative): DocumentSection[] {
  return NARRATIVE_HEADINGS.map(([key, heading]) => ({ heading, paragraphs: (narrative[key] ?? 'Không có nội dung.').split(/\n+/u).filter((line) => line.trim()) }));
}

function numbered(sections: DocumentSection[]): DocumentSection[] {
  return sections.map((section, index) => ({ ...section, heading: `${ROMAN[index] ?? index + 1}. ${section.heading.toUpperCase()}` }));
}

function basisNote(basis: FigureBasis, checksum: string): string {
  const missing = basis.notDisaggregated.length ? ` Không phân tổ được: ${basis.notDisaggregated.join('; ')}.` : '';
  return `Số liệu tính đến ngày ${basis.cutOffDate} (từ ${basis.fromDate} đến ${basis.toDate}); mã kiểm tra SHA-256 ${checksum}.${missing}`;
}

function figuresSection(figures: Figure[]): DocumentSection {
  return { heading: 'Số liệu kết quả', paragraphs: [`Các chỉ tiêu do nền tảng tính từ dữ liệu đã xác nhận (${figures.length} chỉ tiêu), chi tiết tại các bảng và biểu đồ dưới đây.`] };
}

/** Who signs for the body: the chair on behalf of a People's Committee (collective body), the head otherwise. */
function signatureOf(kind: BodyKind): ReportDocument['signature'] {
  return kind === BodyKind.PEOPLES_COMMITTEE ? { capacity: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' } : { capacity: 'THỦ TRƯỞNG CƠ QUAN', title: '' };
}

/** The document of a body's submitted report. */
export function documentOfReport(source: ReportSource): ReportDocument {
  const { body } = source;
  const place = placeOf(body.unitName);
  return {
    superiorBody: body.superiorName?.toUpperCase() ?? null,
    issuingBody: body.name.toUpperCase(),
    numberAndSymbol: `Số:        /BC-${body.shortName}`,
    placeAndDate: dated(place, source.submittedAt),
    title: 'BÁO CÁO',
    subtitle: subtitleOf(source.periodKind, source.fromYear, source.toYear) + (source.version > 1 ? ` (bản sửa đổi lần ${source.version - 1})` : ''),
    sections: numbered([...narrativeSections(source.narrative), figuresSection(source.figures)]),
    tables: figureTables(source.figures),
    charts: [shareChart(source.figures), trendChart(source.figures, periodLabel(source.fromYear, source.toYear))].filter((chart): chart is ChartSpec => chart !== null),
    recipients: ['Sở Giáo dục và Đào tạo (để tổng hợp);', 'Lưu: VT.'],
    signature: signatureOf(body.kind),
    basisNote: basisNote(source.basis, source.checksum),
  };
}

/** The document of the province's consolidated report, issued by the Department of Education. */
export function documentOfConsolidated(source: ConsolidatedSource): ReportDocument {
  const place = placeOf(source.provinceName);
  // Inside a sentence the level is lower case: "Ủy ban nhân dân tỉnh Tây Ninh".
  const province = source.provinceName.charAt(0).toLowerCase() + source.provinceName.slice(1);
  const reported = source.reports.map((report) => `${report.bodyName}${report.late ? ' (gửi muộn)' : ''}.`);
  const byUnit = source.reports
    .map((report) => ({ name: report.bodyName, figure: report.figures.find((figure) => figure.code === SHARE_OF_CITIZENS) }))
    .filter((item): item is { name: string; figure: Figure } => item.figure !== undefined);
  const unitChart: ChartSpec | null = byUnit.length
    ? {
        title: 'Tỷ lệ Công dân học tập theo đơn vị so với mục tiêu',
        unit: '%',
        categories: byUnit.map((item) => item.name.replace(/^Ủy ban nhân dân\s+/u, '')),
        series: [{ name: 'Tỷ lệ đạt', values: byUnit.map((item) => item.figure.value) }],
        targets: [
          { name: 'Mục tiêu 2025', values: byUnit.map((item) => item.figure.target2025) },
          { name: 'Mục tiêu 2030', values: byUnit.map((item) => item.figure.target2030) },
        ],
      }
    : null;
  return {
    superiorBody: `ỦY BAN NHÂN DÂN ${source.provinceName.toUpperCase()}`,
    issuingBody: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    numberAndSymbol: 'Số:        /BC-SGDĐT',
    placeAndDate: dated(place, source.createdAt),
    title: 'BÁO CÁO TỔNG HỢP',
    subtitle: subtitleOf(source.periodKind, source.fromYear, source.toYear) + ` trên địa bàn ${province}` + (source.version > 1 ? ` (lần ${source.version})` : ''),
    sections: numbered([
      { heading: 'Các báo cáo đã tổng hợp', paragraphs: reported.length ? reported : ['Chưa có báo cáo nào được tiếp nhận.'] },
      { heading: 'Các đơn vị chưa báo cáo', paragraphs: source.missingBodies.length ? source.missingBodies.map((name) => `${name}.`) : ['Tất cả các đơn vị đã báo cáo.'] },
      figuresSection(source.figures),
    ]),
    tables: figureTables(source.figures),
    charts: [shareChart(source.figures), unitChart, trendChart(source.figures, periodLabel(source.fromYear, source.toYear))].filter((chart): chart is ChartSpec => chart !== null),
    recipients: [`Ủy ban nhân dân ${province} (để báo cáo);`, 'Bộ Giáo dục và Đào tạo (để báo cáo);', 'Lưu: VT.'],
    signature: { capacity: 'GIÁM ĐỐC', title: '' },
    basisNote: basisNote(source.basis, source.checksum),
  };
}
