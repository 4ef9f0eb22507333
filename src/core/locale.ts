export type Locale = 'vi' | 'en';

/** Vietnamese unless the client prefers English over it in Accept-Language. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag === 'vi' || entry.tag === 'en')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag === 'en' ? 'en' : 'vi';
}
