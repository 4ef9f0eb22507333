import { labelsOf } from '../../core/labels';
import { pgArray, type SqlPart } from '../../infra/sql';
import { allWords, labelMatch, textMatch, textRank, type TextSearch } from '../text-search';

/** The institution's name as search text (its `search_text` also holds the address and description). */
const institutionName = (alias: string) => `immutable_unaccent(lower(${alias}.name))`;

function institutionKindLabels() {
  const labels = labelsOf('InstitutionKind');
  if (!labels) throw new Error('the InstitutionKind labels are not registered');
  return labels;
}

/**
 * Every word typed in one of the programme's title and description, its institution's name and
 * its institution's kind's labels ("thu vien so" finds "Kỹ năng số" of "Thư viện tỉnh Long An").
 * A correlated lookup of the programme's institution, so that it reads the same for the outer
 * query's alias and none.
 */
function everyWordAcross(search: TextSearch): SqlPart {
  const labels = institutionKindLabels();
  const words = allWords('c.text', search);
  return {
    sql: `exists (select 1 from (select p.search_text || ' ' || ${institutionName('ci')} || ' ' || immutable_unaccent(lower(coalesce(
             (select string_agg(l.label, ' ') from unnest(?::text[], ?::text[]) l(value, label) where l.value = ci.kind), ''))) as text
           from institution ci where ci.id = p.institution_id) c where ${words.sql})`,
    params: [pgArray(labels.flatMap(([value]) => [value, value])), pgArray(labels.flatMap(([, names]) => [names.vi, names.en])), ...words.params],
  };
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
    sql: `(${own.sql} or p.institution_id = any(array(select si.id from institution si where ${name.sql} or ${kind.sql})) or ${across.sql})`,
    params: [...own.params, ...name.params, ...kind.params, ...across.params],
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
    sql: `greatest(${own.sql}, ${name.sql}, case when ${kind.sql} or ${across.sql} then 1 else 0 end)`,
    params: [...own.params, ...name.params, ...kind.params, ...across.params],
  };
}
