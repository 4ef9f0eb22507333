import { USER_ERROR_CODES } from '../../src/core/user-error-codes';
import { USER_ERROR_MESSAGES, coded, renderUserErrorMessage, templateParams } from '../../src/core/user-error-messages';
import '../../src/titles/recognition/recognition.enums';
import '../../src/catalogue/catalogue.enums';

describe('the messages of UserError codes', () => {
  it('give every code a Vietnamese and an English message naming the same values', () => {
    expect(Object.keys(USER_ERROR_MESSAGES).sort()).toEqual(Object.keys(USER_ERROR_CODES).sort());
    for (const [code, { vi, en }] of Object.entries(USER_ERROR_MESSAGES)) {
      expect([code, vi.trim().length > 0, en.trim().length > 0]).toEqual([code, true, true]);
      expect([code, templateParams(vi).sort()]).toEqual([code, templateParams(en).sort()]);
    }
  });

  it('write Vietnamese with its diacritics', () => {
    const plain = Object.entries(USER_ERROR_MESSAGES).filter(([, { vi }]) => !/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(vi));
    expect(plain.map(([code]) => code)).toEqual([]);
  });

  it('fill in the values, and show enum values as their labels in the language asked for', () => {
    expect(renderUserErrorMessage(coded('INVALID_YEAR', { min: 2020, max: 2026 }), 'vi')).toBe('Năm phải từ 2020 đến 2026.');
    const level = coded('DECISION_LEVEL_NOT_YOURS', { own: { enum: 'UnitLevel', values: ['HAMLET', 'PROVINCE'] }, level: { enum: 'TitleDecisionLevel', values: ['PROVINCE'] } });
    expect(renderUserErrorMessage(level, 'vi')).toBe('Bạn ghi nhận quyết định của cấp Ấp, khu phố hoặc Tỉnh, không phải quyết định Cấp tỉnh.');
    expect(renderUserErrorMessage(level, 'en')).toBe('You record decisions of the level Hamlet or residential quarter or Province, not Province.');
  });

  it('refuse to write a message whose values were not given', () => {
    expect(() => renderUserErrorMessage({ code: 'INVALID_YEAR', params: { min: 1 } }, 'en')).toThrow('no value for {max} of INVALID_YEAR');
  });
});
