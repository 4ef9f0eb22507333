import type { Label } from '../core/labels';
import { likeEscape, pgArray, type SqlPart } from '../infra/sql';

/** Free text a person typed, and whether to forgive typos (only when nothing contains it as typed). */
export interface TextSearch {
  text: string;
  fuzzy: boolean;
  /** How many rows match, when deciding on fuzziness already counted them. */
  matches?: number;
}

/** Words beyond these are left out of the word-by-word matching (the phrase still has them all). */
const MAX_WORDS = 8;

/** The words of a search, each once, at most MAX_WORDS. */
export function wordsOf(text: string): string[] {
  return [...new Set(text.trim().split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
}

const CONTAINS = (column: string) => `${column} like '%' || immutable_unaccent(lower(?)) || '%'`;
/** The word typed is a word of the row ("thu" in "thư viện", not in "thuế"), or begins one when it is the last word typed. */
const HAS_WORD = (column: string, whole: boolean) => `${column} ~ ('(^|[^[:alnum:]])' || immutable_unaccent(lower(?))${whole ? ` || '($|[^[:alnum:]])'` : ''})`;
const STARTS_WITH_A_LETTER = /^[\p{L}\p{N}]/u;

function regexEscape(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (char) => `\\${char}`);
}

/**
 * For each word typed, in order, the condition that the row has it, whatever its accents: as one
 * of its words, but the last, which may be the start of one (a person is still typing it: "thu
 * vi"). A word typed that starts with a sign ("%") may be anywhere. The LIKE half is what the
 * trigram index answers; the pattern half keeps "thu vien" out of "viên chức và thuế".
 */
export function eachWord(column: string, search: TextSearch): SqlPart[] {
  const words = wordsOf(search.text);
  return words.map((word, index) =>
    STARTS_WITH_A_LETTER.test(word)
      ? { sql: `${CONTAINS(column)} and ${HAS_WORD(column, index < words.length - 1)}`, params: [likeEscape(word), regexEscape(word)] }
      : { sql: CONTAINS(column), params: [likeEscape(word)] },
  );
}

/** The row has every word typed, in any order (`eachWord`). */
export function allWords(column: string, search: TextSearch): SqlPart {
  const parts = eachWord(column, search);
  return { sql: `(${parts.map((part) => part.sql).join(' and ')})`, params: parts.flatMap((part) => part.params) };
}

/**
 * Free text in catalogue queries, matched against `search_text` columns (unaccented, lower-cased).
 * Exact: the row has every word typed (`allWords`). Fuzzy: or the whole
 * text is close to part of the row by trigrams and each word typed is a small typo of one of the
 * row's words (`near_word`), so a row sharing only letters with the text is not a match.
 */
export function textMatch(column: string, search: TextSearch): SqlPart {
  const exact = allWords(column, search);
  if (!search.fuzzy) return exact;
  const words = wordsOf(search.text);
  const nearEach = words.map(() => `exists (select 1 from regexp_split_to_table(${column}, '[^[:alnum:]]+') w where near_word(immutable_unaccent(lower(?)), w))`);
  return {
    sql: `(${exact.sql} or (immutable_unaccent(lower(?)) <% ${column} and ${nearEach.join(' and ')}))`,
    params: [...exact.params, search.text.trim(), ...words],
  };
}

/** Whether an enum column's value has a label (Vietnamese or English) with every word typed. */
export function labelMatch(column: string, labels: [string, Label][], search: TextSearch): SqlPart {
  const label = allWords('immutable_unaccent(lower(l.label))', search);
  return {
    sql: `${column} = any(array(select l.value from unnest(?::text[], ?::text[]) l(value, label) where ${label.sql}))`,
    params: [pgArray(labels.flatMap(([value]) => [value, value])), pgArray(labels.flatMap(([, names]) => [names.vi, names.en])), ...label.params],
  };
}

/**
 * How well a row matches, for ordering by relevance: the phrase as typed first (2 and up), then
 * every word (1 and up), then typos, each by trigram closeness.
 */
export function textRank(column: string, search: TextSearch): SqlPart {
  const every = allWords(column, search);
  return {
    sql: `((case when ${CONTAINS(column)} then 2 when ${every.sql} then 1 else 0 end) + word_similarity(immutable_unaccent(lower(?)), ${column}))`,
    params: [likeEscape(search.text.trim()), ...every.params, search.text.trim()],
  };
}

/** A sort key (ascending) that puts the best matches first: the rank, negated. */
export function rankSortKey(rank: SqlPart): { select: string; params: unknown[] } {
  return { select: `-${rank.sql}`, params: rank.params };
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

/** The count of a query's rows that `resolveTextSearch` made, or null when it made none. */
export function knownCount(query: { search: TextSearch | null }): number | null {
  return query.search?.matches ?? null;
}

/** The count of a query's rows: the one `resolveTextSearch` made when there is one, else `count()`. */
export function countOnce<Q extends { search: TextSearch | null }>(query: Q, count: () => Promise<number>): Promise<number> {
  const known = knownCount(query);
  return known === null ? count() : Promise.resolve(known);
}

/** The search of a filter: null for no text, else to be resolved by `resolveTextSearch`. */
export function textSearchOf(text: string | null | undefined): TextSearch | null {
  const trimmed = text?.trim();
  return trimmed ? { text: trimmed, fuzzy: true } : null;
}
