import type { Locale } from './locale';
import { fillTemplate, type ParamNames, type ParamValue } from './user-error-messages';

/**
 * What a person reads when a whole request is refused for a reason they can meet (signed out, not allowed, over a limit,
 * a service down), in both languages of the product; `extensions.code` says which kind it is. Errors that only a client's
 * bug causes (syntax, document validation, an unknown persisted query, a body that is not JSON) stay in English: their
 * reader is the developer. The English texts are the ones clients received before these were localized.
 */
export const REQUEST_ERROR_MESSAGES = {
  SIGN_IN_REQUIRED: { vi: 'Hãy đăng nhập trước.', en: 'Sign in first' },
  TOKEN_REJECTED: {
    vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn; hãy làm mới phiên đăng nhập hoặc đăng nhập lại.',
    en: 'The access token is not valid or has expired; refresh the session or sign in again',
  },
  API_KEY_REJECTED: { vi: 'Khóa API không hợp lệ hoặc đã bị thu hồi.', en: 'The API key is not valid or was revoked' },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this' },
  NOT_FOUND: { vi: 'Không tìm thấy nội dung được yêu cầu, hoặc bạn không có quyền xem nội dung này.', en: 'What was asked for was not found, or you may not see it' },
  RATE_LIMITED: {
    vi: 'Quá nhiều yêu cầu: tối đa {limit} yêu cầu mỗi phút; hãy thử lại sau {seconds} giây.',
    en: 'Too many requests: at most {limit} a minute; try again in {seconds} s',
  },
  DOCUMENT_TOO_LONG: {
    vi: 'Truy vấn dài {characters} ký tự; giới hạn là {maxCharacters}.',
    en: 'The query is {characters} characters long; the limit is {maxCharacters}',
  },
  DOCUMENT_TOO_MANY_TOKENS: {
    vi: 'Truy vấn có hơn {maxTokens} thành phần (tên, dấu câu, giá trị); giới hạn là {maxTokens}.',
    en: 'The query has more than {maxTokens} tokens (names, punctuation, values); the limit is {maxTokens}',
  },
  BODY_TOO_LARGE: { vi: 'Nội dung yêu cầu lớn hơn {maxMb} MB.', en: 'The request body is larger than {maxMb} MB' },
  TOO_MANY_FIELDS: {
    vi: 'Truy vấn mở rộng thành {fields} trường (tính cả các fragment tại nơi dùng); giới hạn là {maxFields}.',
    en: 'The document expands to {fields} fields (fragments counted where they are spread); the limit is {maxFields}',
  },
  TOO_MANY_FIELDS_PAST_COUNTING: {
    vi: 'Truy vấn mở rộng thành hơn {fields} trường (tính cả các fragment tại nơi dùng); giới hạn là {maxFields}.',
    en: 'The document expands to more than {fields} fields (fragments counted where they are spread); the limit is {maxFields}',
  },
  TOO_DEEP: { vi: 'Truy vấn lồng sâu {depth} cấp; giới hạn là {maxDepth}.', en: 'The query is nested {depth} levels deep; the limit is {maxDepth}' },
  TOO_COSTLY: {
    vi: 'Truy vấn có chi phí {cost}; hạn mức là {maxCost}. Hãy yêu cầu ít mục hơn hoặc ít danh sách lồng nhau hơn.',
    en: 'The query costs {cost}; the budget is {maxCost}. Ask for fewer items or fewer nested lists',
  },
  TOO_MANY_MUTATIONS: {
    vi: 'Thao tác gọi {mutations} mutation; một yêu cầu được gọi tối đa {maxMutations}.',
    en: 'The operation calls {mutations} mutations; one request may call at most {maxMutations}',
  },
  SIGN_IN_TWICE: {
    vi: 'Thao tác gọi {mutation} {signIns} lần; mỗi yêu cầu chỉ được đăng nhập một lần.',
    en: 'The operation calls {mutation} {signIns} times; one request may sign in once',
  },
  TOO_MANY_COSTLY_MUTATIONS: {
    vi: 'Thao tác gọi {costlyMutations} mutation tốn tài nguyên (đăng nhập, đăng ký, mã nhận hồ sơ, nhập tệp, tải lên, tổng hợp); một yêu cầu được gọi tối đa {maxCostlyMutations}.',
    en: 'The operation calls {costlyMutations} costly mutations (sign-in, registration, claim codes, imports, uploads, consolidations); one request may call at most {maxCostlyMutations}',
  },
  SERVICE_UNAVAILABLE: {
    vi: 'Hiện không kết nối được cơ sở dữ liệu; hãy thử lại sau giây lát.',
    en: 'The database is not reachable right now; try again in a moment',
  },
  QUEUE_UNAVAILABLE: {
    vi: 'Hiện không kết nối được hàng đợi tác vụ; hãy thử lại sau giây lát.',
    en: 'The job queue is not reachable right now; try again in a moment',
  },
  INTERNAL: { vi: 'Lỗi máy chủ nội bộ.', en: 'Internal server error' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type RequestErrorKey = keyof typeof REQUEST_ERROR_MESSAGES;

type RequestParams<K extends RequestErrorKey> = Record<ParamNames<(typeof REQUEST_ERROR_MESSAGES)[K]['en']>, ParamValue>;

/** A message of the table with the values its template names, until it is written in the request's language. */
export interface RequestMessage {
  key: RequestErrorKey;
  params: Record<string, ParamValue>;
}

/** The message `key` with its values, checked by the compiler against the template. */
export function requestMessage<K extends RequestErrorKey>(
  key: K,
  ...params: [ParamNames<(typeof REQUEST_ERROR_MESSAGES)[K]['en']>] extends [never] ? [] : [params: RequestParams<K>]
): RequestMessage {
  return { key, params: params[0] ?? {} };
}

export function renderRequestMessage({ key, params }: RequestMessage, locale: Locale): string {
  return fillTemplate(REQUEST_ERROR_MESSAGES[key][locale], params, locale, key);
}
