import { normalisePhone } from '../../auth/credentials';
import { UserInputError } from '../../core/errors';
import type { Citizen } from './citizen.entity';
import { checkNationalId } from './national-id';
import type { Gender, OccupationalGroup } from '../people.enums';

/** Profile fields as a person or a CSV row gives them; omitted ones stay as they are. */
export interface CitizenFields {
  fullName?: string | null;
  birthYear?: number | null;
  gender?: Gender | null;
  nationalId?: string | null;
  phone?: string | null;
  residenceId?: string | null;
  occupationalGroup?: OccupationalGroup | null;
  ethnicMinority?: boolean | null;
  disability?: boolean | null;
}

/** Fields that identify the person: only assessors of their unit (and admins) change them once recorded. */
export const IDENTITY_FIELDS = ['fullName', 'birthYear', 'gender', 'nationalId'] as const;

/** The checked values of the fields given, and the normalised national ID number when one is given. */
export interface CheckedFields {
  values: Partial<Pick<Citizen, 'fullName' | 'birthYear' | 'gender' | 'phone' | 'occupationalGroup' | 'ethnicMinority' | 'disability'>>;
  nationalId: string | null | undefined;
}

/**
 * Checks the fields against each other and against what is stored (`current`): the national ID
 * number must match the birth year and gender the profile will have. Throws a UserInputError.
 */
export function checkCitizenFields(fields: CitizenFields, current: { birthYear: number; gender: Gender; nationalId: string | null } | null, year: number): CheckedFields {
  const values: CheckedFields['values'] = {};
  if (fields.fullName !== undefined) {
    const name = fields.fullName?.trim().replace(/\s+/g, ' ');
    if (!name) throw new UserInputError('REQUIRED', ['fullName']);
    if (name.length > 200) throw new UserInputError('TOO_LONG', ['fullName'], { max: 200 });
    values.fullName = name;
  }
  if (fields.birthYear !== undefined && fields.birthYear !== null) {
    if (!Number.isInteger(fields.birthYear) || fields.birthYear < 1900 || fields.birthYear > year) {
      throw new UserInputError('INVALID_BIRTH_YEAR', ['birthYear'], { max: year });
    }
    values.birthYear = fields.birthYear;
  }
  if (fields.gender) values.gender = fields.gender;
  if (fields.phone !== undefined) {
    const phone = fields.phone?.trim() ? normalisePhone(fields.phone) : null;
    if (fields.phone?.trim() && !phone) throw new UserInputError('INVALID_PHONE', ['phone']);
    values.phone = phone;
  }
  if (fields.occupationalGroup !== undefined) values.occupationalGroup = fields.occupationalGroup;
  if (fields.ethnicMinority !== undefined && fields.ethnicMinority !== null) values.ethnicMinority = fields.ethnicMinority;
  if (fields.disability !== undefined && fields.disability !== null) values.disability = fields.disability;

  const nationalId = fields.nationalId === undefined ? current?.nationalId : fields.nationalId?.trim() || null;
  let normalised: string | null | undefined = fields.nationalId === undefined ? undefined : null;
  if (nationalId) {
    const checked = checkNationalId(nationalId, { birthYear: values.birthYear ?? current?.birthYear, gender: values.gender ?? current?.gender });
    if (!checked.ok) {
      const field = fields.nationalId === undefined ? (checked.problem === 'GENDER_MISMATCH' ? 'gender' : 'birthYear') : 'nationalId';
      throw new UserInputError(`NATIONAL_ID_${checked.problem}`, [field]);
    }
    if (fields.nationalId !== undefined) normalised = checked.value;
  }
  return { values, nationalId: normalised };
}
