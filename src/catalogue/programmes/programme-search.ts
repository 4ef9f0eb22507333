import { labelsOf } from '../../core/labels';
import type { SqlPart } from '../../infra/sql';
import { eachWord, labelMatch, textMatch, textRank, wordsOf, type TextSearch } from '../text-search';

/** The institution's name as search text (its `search_text` also holds the address and description). */
const institutionName = (alias: string) => `immutable_unaccent(lower(${alias}.name))`;

function institutionKindLabels() {
  const labels = labelsOf('InstitutionKind');
  if (!labels) throw new Error('the InstitutionKind labels are not registered');
  return labels;
}

/**
 * Every word typed in one of the programme's title and description, its institution's name and
 * its institution's kind's labels ("thu vien so" finds "Kỹ năng số" of "Thư viện tỉnh Long An");
 * null for one word, which the other halves already find. Each word's institutions are one
 * uncorrelated subquery, hashed once per query, not a lookup per programme.
 */
function everyWordAcross(search: TextSearch): SqlPart | null {
  const own = eachWord('p.search_text', search);
  if (own.length < 2) return null;
  const names = eachWord(institutionName('wi'), search);
  const labels = institutionKindLabels();
  const perWord = wordsOf(search.text).map((word, index) => {
    const [ownWord, name] = [own[index] as SqlPart, names[index] as SqlPart];
    const kind = labelMatch('wi.kind', labels, { text: word, fuzzy: false });
    return {
      sql: `(${ownWord.sql} or p.institution_id in (select wi.id from institution wi where ${name.sql} or ${kind.sql}))`,
      params: [...ownWord.params, ...name.params, ...kind.params],
    };
  });
  return { sql: `(${perWord.map((part) => part.sql).join(' and ')})`, params: perWord.flatMap((part) => part.params) };
}

/**
 * A programme (`p`) matches by its own title and description, by its institution's name, by
 * its institution's kind ("thu vien" finds the programmes of every library, as people mean it),
 * or by all of them together. The institutions are looked up first, so the first halves can use
 * their own indexes.
 */
export function programmeSearchMatch(search: TextSearch): SqlPart {
  const own = textMatch('p.search_text', search);
  const name = textMatch(institutionName('si'), search);
  const kind = labelMatch('si.kind', institutionKindLabels(), search);
  const across = everyWordAcross(search);
  return {
    sql: `(${own.sql} or p.institution_id = any(array(select si.id from institution si where ${name.sql} or ${kind.sql}))${across ? ` or ${across.sql}` : ''})`,
    params: [...own.params, ...name.params, ...kind.params, ...(across?.params ?? [])],
  };
}

/**
 * The best of the programme's own rank, its institution's (`i`) name's and, as "every word", its
 * kind's and all of them together's (a flat 1: below every word found in one of them, which
 * adds its closeness, and above a typo).
 */
export function programmeSearchRank(search: TextSearch): SqlPart {
  const own = textRank('p.search_text', search);
  const name = textRank(institutionName('i'), search);
  const kind = labelMatch('i.kind', institutionKindLabels(), search);
  const across = everyWordAcross(search);
  return {
    sql: `greatest(${own.sql}, ${name.sql}, case when ${kind.sql}${across ? ` or ${across.sql}` : ''} then 1 else 0 end)`,
    params: [...own.params, ...name.params, ...kind.params, ...(across?.params ?? [])],
  };
}
