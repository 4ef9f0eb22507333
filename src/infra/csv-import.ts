import { parse } from 'csv-parse/sync';
import { UserInputError } from '../core/errors';
import type { Locale } from '../core/locale';
import type { UserErrorCode } from '../core/user-error-codes';
import { coded, renderUserErrorMessage, type CodedMessage } from '../core/user-error-messages';

/**
 * The shape every CSV import reports in (administrative units, citizens): rows created, updated,
 * unchanged, and refused with their line and reason. A refused row changes nothing.
 */
export interface RejectedRow {
  /** Line in the file, counting the header as line 1. */
  line: number;
  /** The row's key as written (a unit's code, a citizen's national ID number), to find it in the file. */
  code: string;
  reasonCode: UserErrorCode;
  /** The reason's message in the language of the request (or, for a command-line import, English). */
  reason: string;
}

export interface CsvImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export type RowOutcome = 'created' | 'updated' | 'unchanged' | { rejected: CodedMessage };

/** A refused row: its reason's code, and the message of that code written in `locale`. */
export function rejectedRow(line: number, code: string, reason: CodedMessage, locale: Locale): RejectedRow {
  return { line, code, reasonCode: reason.code, reason: renderUserErrorMessage(reason, locale) };
}

/**
 * Reads CSV text with a header row into records keyed by column (names trimmed and lower-cased, BOM ignored). Text that
 * is not CSV is a UserInputError on `csv`; a header without the required columns is `missing`.
 */
export function readCsv(csv: string, required: readonly string[]): { records: Record<string, string>[]; missing: string[] } {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, bom: true, trim: true });
  } catch {
    throw new UserInputError('INVALID_CSV', ['csv']);
  }
  const header = Object.keys(records[0] ?? {});
  return { records, missing: records.length ? required.filter((column) => !header.includes(column)) : [] };
}

/** Like readCsv, for imports that refuse the whole file (a UserInputError on `csv`) when the header lacks a column. */
export function readCsvWithColumns(csv: string, required: readonly string[]): Record<string, string>[] {
  const { records, missing } = readCsv(csv, required);
  if (missing.length) throw new UserInputError('MISSING_COLUMNS', ['csv'], { columns: missing.join(', ') });
  return records;
}

/** The report's row for a header that lacks columns: nothing else of the file is read. */
export function missingColumnsRejection(missing: string[], locale: Locale): RejectedRow {
  return rejectedRow(1, '', coded('MISSING_COLUMNS', { columns: missing.join(', ') }), locale);
}
