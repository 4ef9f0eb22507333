import { parse } from 'csv-parse/sync';
import { Field, Int, ObjectType } from 'type-graphql';
import { UserInputError } from '../core/errors';

/**
 * The shape every CSV import reports in (administrative units, citizens): rows created, updated,
 * unchanged, and refused with their line and reason. A refused row changes nothing.
 */
export interface RejectedRow {
  /** Line in the file, counting the header as line 1. */
  line: number;
  /** The row's key as written (a unit's code, a citizen's national ID number), to find it in the file. */
  code: string;
  reason: string;
}

export interface CsvImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export type RowOutcome = 'created' | 'updated' | 'unchanged' | { rejected: string };

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
export function missingColumnsRejection(missing: string[]): RejectedRow {
  return { line: 1, code: '', reason: `the header lacks the columns ${missing.join(', ')}` };
}

@ObjectType({ description: 'A CSV row that was not imported, and why.' })
export class CsvRowRejection {
  @Field(() => Int, { description: 'Line in the file, the header being line 1.' })
  line!: number;

  @Field({ description: 'The key of the row as written (a unit’s code, a citizen’s national ID number), when it had one.' })
  code!: string;

  @Field({ description: 'Why the row was refused.' })
  reason!: string;
}

/** Counts every CSV import reports; each import's report type extends it. */
@ObjectType({ simpleResolvers: true })
export abstract class CsvImportReportFields {
  @Field(() => Int, { description: 'Rows that created a record.' })
  created!: number;

  @Field(() => Int, { description: 'Rows that changed a record already stored.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows identical to the record already stored.' })
  unchanged!: number;

  @Field(() => [CsvRowRejection], { description: 'Rows refused, in file order; they changed nothing.' })
  rejected!: CsvRowRejection[];
}
