import { governsUnit } from '../../core/actor';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { missingColumnsRejection, readCsv, rejectedRow, type CsvImportCounts, type RowOutcome } from '../../infra/csv-import';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, UserInputError } from '../../core/errors';
import { Citizen } from './citizen.entity';
import type { CitizenFields } from './citizen-fields';
import type { CitizenService } from './citizen.service';
import { coded, type CodedMessage } from '../../core/user-error-messages';
import { checkNationalId } from './national-id';
import { Gender, OccupationalGroup } from '../people.enums';

export const CITIZEN_CSV_COLUMNS = ['national_id', 'full_name', 'birth_year', 'gender', 'phone', 'occupational_group', 'ethnic_minority', 'disability'] as const;
const REQUIRED_COLUMNS = ['national_id', 'full_name', 'birth_year', 'gender'];

const GENDER_WORDS: Record<string, Gender> = { female: Gender.FEMALE, nu: Gender.FEMALE, 'nữ': Gender.FEMALE, male: Gender.MALE, nam: Gender.MALE, other: Gender.OTHER, khac: Gender.OTHER, 'khác': Gender.OTHER };
const FLAGS: Record<string, boolean> = { true: true, '1': true, yes: true, co: true, 'có': true, false: false, '0': false, no: false, khong: false, 'không': false };

/** Reads one CSV record into profile fields, or the reason it is refused. */
function readRow(record: Record<string, string>): { nationalId: string; fields: CitizenFields } | CodedMessage {
  const value = (name: string): string | null => record[name]?.trim() || null;
  const raw = value('national_id');
  if (!raw) return coded('NATIONAL_ID_MISSING');
  const checked = checkNationalId(raw);
  if (!checked.ok) return coded(`NATIONAL_ID_${checked.problem}`);
  const birthYear = Number(value('birth_year'));
  if (!Number.isInteger(birthYear)) return coded('CSV_VALUE_NOT_A_YEAR', { column: 'birth_year' });
  const gender = GENDER_WORDS[value('gender')?.toLowerCase() ?? ''];
  if (!gender) return coded('CSV_VALUE_NOT_ONE_OF', { column: 'gender', values: 'FEMALE, MALE, OTHER, Nữ, Nam, Khác' });
  const group = value('occupational_group')?.toUpperCase() ?? null;
  if (group && !(Object.values(OccupationalGroup) as string[]).includes(group)) return coded('CSV_VALUE_NOT_ONE_OF', { column: 'occupational_group', values: Object.values(OccupationalGroup).join(', ') });
  const flags: Partial<Record<'ethnicMinority' | 'disability', boolean>> = {};
  for (const [column, key] of [['ethnic_minority', 'ethnicMinority'], ['disability', 'disability']] as const) {
    const flag = value(column)?.toLowerCase();
    if (flag && FLAGS[flag] === undefined) return coded('CSV_FLAG_INVALID', { column });
    if (flag) flags[key] = FLAGS[flag];
  }
  return {
    nationalId: checked.value,
    fields: {
      nationalId: checked.value,
      fullName: value('full_name'),
      birthYear,
      gender,
      phone: value('phone'),
      ...(group ? { occupationalGroup: group as OccupationalGroup } : {}),
      ...flags,
    },
  };
}

/** What a row would change on a stored profile; empty when the row matches it. */
function changes(citizen: Citizen, fields: CitizenFields, residenceId: string): boolean {
  return (
    citizen.residence.id !== residenceId ||
    citizen.fullName !== fields.fullName?.trim().replace(/\s+/g, ' ') ||
    citizen.birthYear !== fields.birthYear ||
    citizen.gender !== fields.gender ||
    (fields.phone !== undefined && (citizen.phone ?? null) !== (fields.phone ?? null)) ||
    (fields.occupationalGroup !== undefined && citizen.occupationalGroup !== fields.occupationalGroup) ||
    (fields.ethnicMinority !== undefined && citizen.ethnicMinority !== fields.ethnicMinority) ||
    (fields.disability !== undefined && citizen.disability !== fields.disability)
  );
}

/**
 * Imports the citizens of one hamlet (or commune) from CSV: national_id, full_name, birth_year,
 * gender, and optionally phone, occupational_group, ethnic_minority, disability. A row updates the
 * citizen with the same national ID number (who then lives in the unit) or creates one. Each row is
 * checked whole before anything of it is written; refused rows are reported with line and reason.
 * A number registered to someone outside the assessor's area is refused without saying whose it is.
 * Idempotent: importing the same file again reports every row unchanged.
 */
export class CitizenImportService {
  constructor(private readonly citizens: CitizenService) {}

  /** Transactional (the caller's transaction): all accepted rows are written together. */
  async importCsv(ctx: RequestContext, unitId: string, csv: string): Promise<CsvImportCounts> {
    const unit = await this.citizens.residence(ctx, unitId, 'unitId');
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('You may import citizens only into units of your area');
    const { records, missing } = readCsv(csv, REQUIRED_COLUMNS);
    const report: CsvImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: [] };
    if (missing.length) {
      report.rejected.push(missingColumnsRejection(missing, ctx.locale));
      return report;
    }
    const lineOfNumber = new Map<string, number>();
    for (const [index, record] of records.entries()) {
      const line = index + 2;
      const outcome = await this.importRow(ctx, record, line, unit, lineOfNumber);
      if (typeof outcome === 'object') report.rejected.push(rejectedRow(line, record.national_id?.trim() ?? '', outcome.rejected, ctx.locale));
      else report[outcome] += 1;
    }
    await ctx.em.flush();
    return report;
  }

  private async importRow(ctx: RequestContext, record: Record<string, string>, line: number, unit: AdministrativeUnit, lineOfNumber: Map<string, number>): Promise<RowOutcome> {
    const row = readRow(record);
    if ('code' in row) return { rejected: row };
    const earlier = lineOfNumber.get(row.nationalId);
    if (earlier) return { rejected: coded('DUPLICATE_NATIONAL_ID_LINE', { line: earlier }) };
    lineOfNumber.set(row.nationalId, line);
    const existing = await ctx.em.findOne(Citizen, { nationalIdDigest: ctx.services.nationalIds.digest(row.nationalId) }, { populate: ['residence'] });
    if (existing && !governsUnit(ctx.actor, existing.residence.path)) return { rejected: coded('NATIONAL_ID_OUTSIDE_AREA') };
    if (existing && !changes(existing, row.fields, unit.id)) return 'unchanged';
    try {
      if (existing) {
        // `apply` checks every field before assigning any, so a refused row leaves the profile as it was.
        await this.citizens.apply(ctx, existing, { ...row.fields, nationalId: undefined });
        existing.residence = unit;
        return 'updated';
      }
      await this.citizens.register(ctx, { ...row.fields, fullName: row.fields.fullName ?? '', birthYear: row.fields.birthYear as number, gender: row.fields.gender as Gender, residenceId: unit.id });
      return 'created';
    } catch (error) {
      if (error instanceof UserInputError) return { rejected: error };
      throw error;
    }
  }
}
