import { labelsOf } from '../../core/labels';
import type { SqlPart } from '../../infra/sql';
import { labelMatch, textMatch, textRank, type TextSearch } from '../text-search';

/** The institution's name as search text (its `search_text` also holds the address and description). */
const institutionName = (alias: string) => `immutable_unaccent(lower(${alias}.name))`;

function institutionKindLabels() {
  const labels = labelsOf('InstitutionKind');
  if (!labels) throw new Error('the InstitutionKind labels are not registered');
  return labels;
}

/**
 * A programme (`p`) matches by its own title and description, by its institution's name, or by
 * its institution's kind: "thu vien" finds the programmes of every library, as people mean it.
 * The institutions are looked up first, so both halves can use their own indexes.
 */
export function programmeSearchMatch(search: TextSearch): SqlPart {
  const own = textMatch('p.search_text', search);
  const name = textMatch(institutionName('si'), search);
  const kind = labelMatch('si.kind', institutionKindLabels(), search);
  return {
    sql: `(${own.sql} or p.institution_id = any(array(select si.id from institution si where ${name.sql} or ${kind.sql})))`,
    params: [...own.params, ...name.params, ...kind.params],
  };
}

/** The best of the programme's own rank, its institution's (`i`) name's and, as "every word", its kind's. */
export function programmeSearchRank(search: TextSearch): SqlPart {
  const own = textRank('p.search_text', search);
  const name = textRank(institutionName('i'), search);
  const kind = labelMatch('i.kind', institutionKindLabels(), search);
  return {
    sql: `greatest(${own.sql}, ${name.sql}, case when ${kind.sql} then 1 else 0 end)`,
    params: [...own.params, ...name.params, ...kind.params],
  };
}
