import { checkNationalId, NationalIdProtector } from '../../src/people/citizens/national-id';
import { Gender } from '../../src/people/people.enums';

describe('checkNationalId', () => {
  it('accepts a number whose province, century, gender and year agree, ignoring spaces and dots', () => {
    expect(checkNationalId('080 1 85.012345', { birthYear: 1985, gender: Gender.FEMALE })).toEqual({ ok: true, value: '080185012345' });
    expect(checkNationalId('072205000001', { birthYear: 2005, gender: Gender.MALE })).toEqual({ ok: true, value: '072205000001' });
  });

  it.each([
    ['08018501234', {}, 'FORMAT'],
    ['08018501234a', {}, 'FORMAT'],
    ['003185012345', {}, 'PROVINCE_CODE'],
    ['080185012345', { birthYear: 1986 }, 'BIRTH_YEAR_MISMATCH'],
    ['080385012345', { birthYear: 1985 }, 'BIRTH_YEAR_MISMATCH'],
    ['080185012345', { gender: Gender.MALE }, 'GENDER_MISMATCH'],
  ] as const)('refuses %s (%j) with %s', (raw, person, problem) => {
    expect(checkNationalId(raw, person)).toEqual({ ok: false, problem });
  });
});

describe('NationalIdProtector', () => {
  const protector = new NationalIdProtector('k'.repeat(32));

  it('gives one digest per number, different under another key', () => {
    expect(protector.digest('080185012345')).toBe(protector.digest('080185012345'));
    expect(protector.digest('080185012345')).not.toBe(new NationalIdProtector('j'.repeat(32)).digest('080185012345'));
  });

  it('seals so that only the same key opens, never showing the number in the sealed text', () => {
    const sealed = protector.seal('080185012345');
    expect(sealed).not.toContain('080185012345');
    expect(protector.open(sealed)).toBe('080185012345');
    expect(() => new NationalIdProtector('j'.repeat(32)).open(sealed)).toThrow();
  });
});
