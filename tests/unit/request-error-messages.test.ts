import { GraphQLError } from 'graphql';
import { ApiError, ErrorCode, ForbiddenError, NotFoundError, UnauthenticatedError, UserInputError } from '../../src/core/errors';
import { REQUEST_ERROR_MESSAGES, renderRequestMessage, requestMessage } from '../../src/core/request-error-messages';
import { templateParams } from '../../src/core/user-error-messages';
import { localizedMessage } from '../../src/graphql/localized-errors';
import { CLOSE_REASONS, MAX_CLOSE_REASON_BYTES } from '../../src/http/subscriptions';

describe('the messages of whole-request errors', () => {
  it('give every message a non-empty Vietnamese and English text naming the same values', () => {
    for (const [key, { vi, en }] of Object.entries(REQUEST_ERROR_MESSAGES)) {
      expect([key, vi.trim().length > 0, en.trim().length > 0]).toEqual([key, true, true]);
      expect([key, templateParams(vi).sort()]).toEqual([key, templateParams(en).sort()]);
      expect([key, /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(vi)]).toEqual([key, true]);
    }
  });

  it('give the reasons a WebSocket is closed with in at most the 123 bytes of a close frame, in both languages', () => {
    for (const key of CLOSE_REASONS) {
      for (const locale of ['vi', 'en'] as const) expect([key, locale, Buffer.byteLength(renderRequestMessage(requestMessage(key), locale)) <= MAX_CLOSE_REASON_BYTES]).toEqual([key, locale, true]);
    }
  });

  it('fill in the values in the language asked for, and refuse one missing', () => {
    const limited = requestMessage('RATE_LIMITED', { limit: 3, seconds: 41 });
    expect(renderRequestMessage(limited, 'vi')).toBe('Quá nhiều yêu cầu: tối đa 3 yêu cầu mỗi phút; hãy thử lại sau 41 giây.');
    expect(renderRequestMessage(limited, 'en')).toBe('Too many requests: at most 3 a minute; try again in 41 s');
    expect(() => renderRequestMessage({ key: 'TOO_DEEP', params: { depth: 13 } }, 'en')).toThrow('no value for {maxDepth} of TOO_DEEP');
  });
});

describe('an error of a response, in the request language', () => {
  const shown = (error: GraphQLError, locale: 'vi' | 'en') => localizedMessage(error.toJSON(), error, locale);

  it('writes a table message in either language, also when graphql-js wrapped the error thrown', () => {
    const costly = new ApiError(ErrorCode.BadUserInput, requestMessage('TOO_COSTLY', { cost: 6000, maxCost: 5000 }));
    expect(costly.message).toBe('The query costs 6000; the budget is 5000. Ask for fewer items or fewer nested lists');
    const wrapped = new GraphQLError(costly.message, { originalError: costly, path: ['programmes'] });
    expect(shown(wrapped, 'vi')).toBe('Truy vấn có chi phí 6000; hạn mức là 5000. Hãy yêu cầu ít mục hơn hoặc ít danh sách lồng nhau hơn.');
    expect(shown(new UnauthenticatedError(), 'vi')).toBe('Hãy đăng nhập trước.');
    expect(shown(new UnauthenticatedError(), 'en')).toBe('Sign in first');
  });

  it('gives an English reason of its own the general Vietnamese message of its code, and keeps it in English', () => {
    const reason = new ForbiddenError('Only staff of the institution may change its programmes');
    expect(shown(reason, 'vi')).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(shown(reason, 'en')).toBe('Only staff of the institution may change its programmes');
    expect(shown(new NotFoundError('The session'), 'en')).toBe('The session was not found');
  });

  it('writes a UserInputError of a query as a mutation payload does, and leaves a client bug in English', () => {
    const profile = new GraphQLError('x', { originalError: new UserInputError('CITIZEN_PROFILE_REQUIRED') });
    expect(shown(profile, 'vi')).toBe('Hãy tạo hồ sơ công dân của bạn trước.');
    const syntax = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(shown(syntax, 'vi')).toBe('Syntax Error: Expected Name, found <EOF>.');
  });
});
