import { localeFrom } from '../../src/core/locale';

describe('localeFrom', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.4,vi;q=0.6', 'vi'],
    ['fr, de', 'vi'],
  ])('reads %j as %s', (header, locale) => {
    expect(localeFrom(header)).toBe(locale);
  });
});
