import { likeEscape } from '../infra/sql';

/**
 * Free text in catalogue queries: matched against `search_text` columns, which hold the
 * unaccented lower-cased text. A row matches when it contains the words as typed (any accents)
 * or when the words are close enough by trigrams to forgive a small typo.
 */
export function textMatch(column: string): string {
  return `(${column} like '%' || immutable_unaccent(lower(?)) || '%' or immutable_unaccent(lower(?)) <% ${column})`;
}

/** How well a row matches (1 is an exact substring), for ordering by relevance. */
export function textRank(column: string): string {
  return `word_similarity(immutable_unaccent(lower(?)), ${column})`;
}

/** The parameters `textMatch` binds, in order. */
export function textMatchParams(search: string): string[] {
  const cleaned = search.trim();
  // `%` and `_` a person typed are plain characters in the LIKE pattern, not "anything".
  return [likeEscape(cleaned), cleaned];
}
