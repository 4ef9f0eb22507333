import type { EntityManager } from '@mikro-orm/postgresql';
import type { Locale } from '../../core/locale';
import { coded, type CodedMessage } from '../../core/user-error-messages';
import { missingColumnsRejection, readCsv, rejectedRow, type CsvImportCounts, type RowOutcome } from '../../infra/csv-import';
import { UNIT_LEVEL_RANK, UnitLevel } from '../catalogue.enums';
import { AdministrativeUnit } from './unit.entity';
import { rebuildUnitPaths, resolveSuccessors } from './unit.repository';

export const UNIT_CSV_COLUMNS = ['code', 'name', 'level', 'parent_code', 'valid_from', 'valid_to', 'successor_code'] as const;

export interface UnitImportReport extends CsvImportCounts {
  successorsLinked: number;
}

interface UnitRow {
  line: number;
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  disadvantaged: boolean | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[0-9A-Za-z-]{1,32}$/;

function isCalendarDay(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return ISO_DATE.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** Checks one CSV record; returns the row or the reason it is refused. */
function readRow(record: Record<string, string>, line: number): UnitRow | CodedMessage {
  const value = (name: string): string | null => record[name]?.trim() || null;
  const code = value('code');
  const name = value('name');
  const level = value('level');
  if (!code || !CODE.test(code)) return coded('UNIT_CODE_INVALID');
  if (!name) return coded('CSV_VALUE_MISSING', { column: 'name' });
  if (name.length > 200) return coded('CSV_VALUE_TOO_LONG', { column: 'name', max: 200 });
  if (!level || !(Object.values(UnitLevel) as string[]).includes(level)) {
    return coded('CSV_VALUE_NOT_ONE_OF', { column: 'level', values: Object.values(UnitLevel).join(', ') });
  }
  const validFrom = value('valid_from');
  const validTo = value('valid_to');
  for (const [column, day] of [['valid_from', validFrom], ['valid_to', validTo]] as const) {
    if (day && !isCalendarDay(day)) return coded('CSV_DATE_INVALID', { column, value: day });
  }
  if (validFrom && validTo && validTo < validFrom) return coded('UNIT_PERIOD_REVERSED');
  const parentCode = value('parent_code');
  if (level !== UnitLevel.PROVINCE && !parentCode) return coded('PARENT_CODE_REQUIRED');
  if (level === UnitLevel.PROVINCE && parentCode) return coded('PROVINCE_WITH_PARENT');
  const successorCode = value('successor_code');
  if (successorCode && !validTo) return coded('SUCCESSOR_WITHOUT_END');
  const flag = value('disadvantaged');
  if (flag && !['true', 'false', '1', '0'].includes(flag.toLowerCase())) return coded('CSV_FLAG_INVALID', { column: 'disadvantaged' });
  return {
    line,
    code,
    name,
    level: level as UnitLevel,
    parentCode,
    validFrom,
    validTo,
    successorCode,
    disadvantaged: flag ? ['true', '1'].includes(flag.toLowerCase()) : null,
  };
}

function overlaps(a: { validFrom: string | null; validTo: string | null }, b: { validFrom: string | null; validTo: string | null }): boolean {
  return (!a.validFrom || !b.validTo || a.validFrom <= b.validTo) && (!b.validFrom || !a.validTo || b.validFrom <= a.validTo);
}

/**
 * Imports administrative units from CSV (columns code, name, level, parent_code, valid_from,
 * valid_to, successor_code, and optionally disadvantaged). A row updates the unit of the same
 * code and level whose period overlaps it, or creates one; its parent is the unit with the
 * parent code whose period overlaps it. Valid rows are applied in one transaction; refused rows
 * are reported with their line and reason. Idempotent: importing a file twice changes nothing.
 */
export class UnitImportService {
  /** `locale` is the language of the refused rows' reasons: the request's, or English for an operator's command. */
  async importCsv(em: EntityManager, csv: string, locale: Locale = 'en'): Promise<UnitImportReport> {
    const required = UNIT_CSV_COLUMNS.filter((column) => column !== 'successor_code' && column !== 'valid_from' && column !== 'valid_to');
    const { records, missing } = readCsv(csv, required);
    const report: UnitImportReport = { created: 0, updated: 0, unchanged: 0, rejected: [], successorsLinked: 0 };
    if (missing.length) {
      report.rejected.push(missingColumnsRejection(missing, locale));
      return report;
    }
    const rows: UnitRow[] = [];
    records.forEach((record, index) => {
      const row = readRow(record, index + 2);
      if ('line' in row) rows.push(row);
      else report.rejected.push(rejectedRow(index + 2, record.code ?? '', row, locale));
    });
    rows.sort((a, b) => UNIT_LEVEL_RANK[a.level] - UNIT_LEVEL_RANK[b.level] || a.line - b.line);

    await em.transactional(async (tx) => {
      const byCode = new Map<string, AdministrativeUnit[]>();
      for (const unit of await tx.find(AdministrativeUnit, {})) {
        byCode.set(unit.code, [...(byCode.get(unit.code) ?? []), unit]);
      }
      const seenInFile = new Set<AdministrativeUnit>();
      for (const row of rows) {
        const outcome = this.applyRow(tx, row, byCode, seenInFile);
        if (typeof outcome === 'object') report.rejected.push(rejectedRow(row.line, row.code, outcome.rejected, locale));
        else report[outcome] += 1;
      }
      await tx.flush();
      await rebuildUnitPaths(tx);
      report.successorsLinked = await resolveSuccessors(tx);
    });
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }

  private applyRow(
    em: EntityManager,
    row: UnitRow,
    byCode: Map<string, AdministrativeUnit[]>,
    seenInFile: Set<AdministrativeUnit>,
  ): RowOutcome {
    let parent: AdministrativeUnit | null = null;
    if (row.parentCode) {
      const candidates = (byCode.get(row.parentCode) ?? []).filter(
        (unit) => UNIT_LEVEL_RANK[unit.level] < UNIT_LEVEL_RANK[row.level] && overlaps(unit, row),
      );
      if (candidates.length === 0) return { rejected: coded('PARENT_NOT_FOUND', { parentCode: row.parentCode, level: { enum: 'UnitLevel', values: [row.level] } }) };
      if (candidates.length > 1) return { rejected: coded('PARENT_CODE_AMBIGUOUS', { parentCode: row.parentCode }) };
      parent = candidates[0] ?? null;
    }
    const same = (byCode.get(row.code) ?? []).filter((unit) => unit.level === row.level && overlaps(unit, row));
    if (same.length > 1) return { rejected: coded('UNIT_AMBIGUOUS', { level: { enum: 'UnitLevel', values: [row.level] }, code: row.code }) };
    const existing = same[0];
    if (existing && seenInFile.has(existing)) return { rejected: coded('DUPLICATE_UNIT_ROW', { code: row.code }) };
    const fields = {
      name: row.name,
      level: row.level,
      parent,
      validFrom: row.validFrom,
      validTo: row.validTo,
      successorCode: row.successorCode,
      ...(row.disadvantaged === null ? {} : { disadvantaged: row.disadvantaged }),
    };
    if (existing) {
      seenInFile.add(existing);
      const changed =
        existing.name !== fields.name ||
        existing.parent?.id !== parent?.id ||
        existing.validFrom !== fields.validFrom ||
        existing.validTo !== fields.validTo ||
        existing.successorCode !== fields.successorCode ||
        (row.disadvantaged !== null && existing.disadvantaged !== row.disadvantaged);
      if (!changed) return 'unchanged';
      em.assign(existing, fields);
      return 'updated';
    }
    const unit = em.create(AdministrativeUnit, { code: row.code, path: '', ...fields });
    unit.path = `${parent?.path ?? '/'}${unit.id}/`;
    seenInFile.add(unit);
    byCode.set(row.code, [...(byCode.get(row.code) ?? []), unit]);
    return 'created';
  }
}
