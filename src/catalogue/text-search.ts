import { likeEscape } from '../infra/sql';

/** Free text a person typed, and whether to forgive typos (only when nothing contains it as typed). */
export interface TextSearch {
  text: string;
  fuzzy: boolean;
  /** How many rows match, when deciding on fuzziness already counted them. */
  matches?: number;
}

/**
 * Free text in catalogue queries, matched against `search_text` columns (unaccented, lower-cased).
 * Exact: the row contains the text, whatever its accents. Fuzzy: or the text is close to part of
 * the row by trigrams, which forgives a small typo.
 */
export function textMatch(column: string, search: TextSearch): string {
  const contains = `${column} like '%' || immutable_unaccent(lower(?)) || '%'`;
  return search.fuzzy ? `(${contains} or immutable_unaccent(lower(?)) <% ${column})` : contains;
}

/** The parameters `textMatch` binds, in order. */
export function textMatchParams(search: TextSearch): string[] {
  const text = search.text.trim();
  // `%` and `_` a person typed are plain characters in the LIKE pattern, not "anything".
  return search.fuzzy ? [likeEscape(text), text] : [likeEscape(text)];
}

/** How well a row matches (1 is an exact substring), for ordering by relevance. */
export function textRank(column: string): string {
  return `word_similarity(immutable_unaccent(lower(?)), ${column})`;
}

/**
 * Typo tolerance only when it is needed: when some rows contain the text as typed, only those
 * match ("thu vien" finds the libraries, not also "thanh niên"); when none do, near matches do
 * ("thu vein" still finds "Thư viện").
 */
export async function resolveTextSearch<Q extends { search: TextSearch | null }>(query: Q, count: (query: Q) => Promise<number>): Promise<Q> {
  if (!query.search) return query;
  const exact = { ...query, search: { text: query.search.text, fuzzy: false } };
  const matches = await count(exact);
  return matches > 0 ? { ...exact, search: { ...exact.search, matches } } : { ...query, search: { text: query.search.text, fuzzy: true } };
}

/** The count of a query's rows: the one `resolveTextSearch` made when there is one, else `count()`. */
export function countOnce<Q extends { search: TextSearch | null }>(query: Q, count: () => Promise<number>): Promise<number> {
  return query.search?.matches === undefined ? count() : Promise.resolve(query.search.matches);
}

/** The search of a filter: null for no text, else to be resolved by `resolveTextSearch`. */
export function textSearchOf(text: string | null | undefined): TextSearch | null {
  const trimmed = text?.trim();
  return trimmed ? { text: trimmed, fuzzy: true } : null;
}
