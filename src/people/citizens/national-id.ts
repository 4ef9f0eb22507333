import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { Gender } from '../people.enums';

/**
 * Province codes that open a citizen identity card number (CCCD), from Circular 59/2021/TT-BCA
 * (the 63 provinces before the 2025 reform; numbers already issued keep them).
 */
const PROVINCE_CODES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

/** What can be wrong with a number; each is the UserErrorCode NATIONAL_ID_<problem>, with its message there. */
export const NATIONAL_ID_PROBLEMS = ['FORMAT', 'PROVINCE_CODE', 'BIRTH_YEAR_MISMATCH', 'GENDER_MISMATCH'] as const;
export type NationalIdProblem = (typeof NATIONAL_ID_PROBLEMS)[number];

/**
 * Checks a CCCD number: 12 digits, a province code, then a digit for century and gender
 * (0/1 = 1900s male/female, 2/3 = 2000s, …) and the last two digits of the birth year.
 * Spaces and dots people type are ignored. Returns the normalised number or the first problem.
 */
export function checkNationalId(
  raw: string,
  person: { birthYear?: number | null; gender?: Gender | null } = {},
): { ok: true; value: string } | { ok: false; problem: NationalIdProblem } {
  const value = raw.replace(/[\s.]/g, '');
  if (!/^\d{12}$/.test(value)) return { ok: false, problem: 'FORMAT' };
  if (!PROVINCE_CODES.has(value.slice(0, 3))) return { ok: false, problem: 'PROVINCE_CODE' };
  const centuryGender = Number(value[3]);
  if (person.birthYear != null) {
    const year = 1900 + Math.floor(centuryGender / 2) * 100 + Number(value.slice(4, 6));
    if (year !== person.birthYear) return { ok: false, problem: 'BIRTH_YEAR_MISMATCH' };
  }
  if (person.gender === Gender.MALE || person.gender === Gender.FEMALE) {
    const female = centuryGender % 2 === 1;
    if (female !== (person.gender === Gender.FEMALE)) return { ok: false, problem: 'GENDER_MISMATCH' };
  }
  return { ok: true, value };
}

/**
 * Keeps national ID numbers protected: a keyed digest (HMAC-SHA256) finds a person by number and
 * makes the number unique, and an AES-256-GCM seal lets the owner and their assessors read it back.
 * Neither is useful without the key, which lives only in the configuration.
 */
export class NationalIdProtector {
  private readonly digestKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(secret: string) {
    this.digestKey = createHash('sha256').update(`national-id-digest:${secret}`).digest();
    this.sealKey = createHash('sha256').update(`national-id-seal:${secret}`).digest();
  }

  digest(nationalId: string): string {
    return createHmac('sha256', this.digestKey).update(nationalId).digest('hex');
  }

  seal(nationalId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(nationalId, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
