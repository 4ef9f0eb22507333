import type { FigureDimension, FigureUnit } from '../reports.enums';

/** One category of a figure broken down, e.g. gender FEMALE → 12. */
export interface FigureBreakdown {
  dimension: FigureDimension;
  /** The enum value (FEMALE, FARMER), an age band ("15-24"), "true"/"false" for flags, or UNKNOWN when the record says nothing. */
  category: string;
  value: number;
}

/** The same figure as reported in an earlier period. */
export interface TrendPoint {
  periodId: string;
  fromYear: number;
  toYear: number;
  value: number;
}

/** A figure computed by the platform, with what it means. */
export interface Figure {
  code: string;
  labelVi: string;
  labelEn: string;
  /** How it is counted, so two people computing by hand agree. */
  definition: string;
  unit: FigureUnit;
  value: number;
  target2025: number | null;
  target2030: number | null;
  breakdown: FigureBreakdown[];
  trend: TrendPoint[];
}

/** Where and over what the figures are computed. */
export interface FigureScope {
  /** The materialized path of the body's unit: every unit under it counts. */
  unitPath: string;
  fromYear: number;
  toYear: number;
  /** First and last day counted (included). */
  fromDate: string;
  toDate: string;
  /** When the titles' year is not closed at the cut-off, holders are those meeting the criteria so far. */
  provisionalTitles: boolean;
}

/** What a snapshot's figures were computed from. */
export interface FigureBasis {
  cutOffDate: string;
  fromDate: string;
  toDate: string;
  titleYear: number;
  rulesets: { code: string; version: number }[];
  titleRunIds: string[];
  /** Breakdowns the citizen model cannot give. */
  notDisaggregated: string[];
}

export type FigureDraft = Omit<Figure, 'trend' | 'target2025' | 'target2030'> & Partial<Pick<Figure, 'target2025' | 'target2030'>>;

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : round2((100 * part) / whole);
}
