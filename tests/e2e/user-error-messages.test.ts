import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api.close();
});

const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { accessToken errors { field code message } } }';

async function registerErrors(password: string, acceptLanguage?: string, login = `lang-${Math.random().toString(36).slice(2)}@example.vn`): Promise<unknown> {
  const result = await api.gql(REGISTER, { input: { login, password, displayName: 'Trần Thị Bình' } }, acceptLanguage ? { headers: { 'Accept-Language': acceptLanguage } } : {});
  expect(result.errors).toBeUndefined();
  return (result.data?.register as { errors: unknown }).errors;
}

describe('UserError.message follows Accept-Language', () => {
  it('fills the values of a parameterised message in Vietnamese, in English, and in Vietnamese without the header', async () => {
    const weak = (message: string) => [{ field: ['input', 'password'], code: 'WEAK_PASSWORD', message }];
    expect(await registerErrors('1234567', 'vi-VN,vi;q=0.9')).toEqual(weak('Mật khẩu cần ít nhất 8 ký tự.'));
    expect(await registerErrors('1234567', 'en-GB,en;q=0.9,vi;q=0.5')).toEqual(weak('The password needs at least 8 characters.'));
    expect(await registerErrors('1234567')).toEqual(weak('Mật khẩu cần ít nhất 8 ký tự.'));
  });

  it('gives the same code, and the message of the preferred language, for a refusal without values', async () => {
    const invalid = (message: string) => [{ field: ['input', 'login'], code: 'INVALID_LOGIN', message }];
    expect(await registerErrors('học tập suốt đời', 'en', 'not a login')).toEqual(invalid('Enter an email address or a Vietnamese mobile number (0xxxxxxxxx).'));
    expect(await registerErrors('học tập suốt đời', 'fr, en;q=0.3, vi;q=0.8', 'not a login')).toEqual(invalid('Hãy nhập địa chỉ email hoặc số di động Việt Nam (0xxxxxxxxx).'));
  });
});
