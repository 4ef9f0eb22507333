import { UserInputError } from '../core/errors';

export type Login = { email: string; phone: null } | { email: null; phone: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalises a Vietnamese mobile number (0xxxxxxxxx or +84xxxxxxxxx) to 0 followed by 9 digits. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.()-]/g, '');
  const match = /^(?:\+?84|0)(\d{9})$/.exec(digits);
  return match ? `0${match[1]}` : null;
}

/** Reads an email address or a phone number, whichever the person typed. */
export function parseLogin(raw: string, field: string[]): Login {
  const trimmed = raw.trim();
  if (trimmed.includes('@')) {
    if (!EMAIL.test(trimmed) || trimmed.length > 254) {
      throw new UserInputError('INVALID_EMAIL', field);
    }
    return { email: trimmed.toLowerCase(), phone: null };
  }
  const phone = normalisePhone(trimmed);
  if (!phone) {
    throw new UserInputError('INVALID_LOGIN', field);
  }
  return { email: null, phone };
}

export const MIN_PASSWORD_LENGTH = 8;

export function checkPasswordStrength(password: string, field: string[]): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserInputError('WEAK_PASSWORD', field, { min: MIN_PASSWORD_LENGTH });
  }
  if (password.length > 128) {
    throw new UserInputError('PASSWORD_TOO_LONG', field);
  }
}
