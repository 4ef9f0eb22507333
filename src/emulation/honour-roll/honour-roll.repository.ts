import type { EntityManager } from '@mikro-orm/postgresql';
import { keysetPage, sortValue, type SortKey, type Seek } from '../../infra/keyset';
import { Conditions } from '../../infra/sql';
import type { HonourRollEntryKind, HonourRollSubjectKind } from '../emulation.enums';

/** One line of the honour roll: who (name and unit only), what, by which decision. */
export interface HonourRollEntry {
  id: string;
  entryKind: HonourRollEntryKind;
  subjectKind: HonourRollSubjectKind;
  name: string;
  unitName: string;
  /** The form's code for a commendation, the title kind for a title. */
  achievementCode: string;
  formNameVi: string | null;
  formNameEn: string | null;
  roundKind: string | null;
  year: number;
  decisionNumber: string;
  decisionDate: string;
  sortKey: SortKey;
}

/** A citizen named only with a standing consent; a household only with its head's. */
const CONSENTED = (kindColumn: string, idColumn: string) => `(
  ${kindColumn} not in ('CITIZEN', 'HOUSEHOLD', 'EXTERNAL')
  or (${kindColumn} = 'CITIZEN' and exists (select 1 from honour_roll_consent hc where hc.citizen_id = ${idColumn} and hc.withdrawn_at is null))
  or (${kindColumn} = 'HOUSEHOLD' and exists (select 1 from household hh join honour_roll_consent hc on hc.citizen_id = hh.head_id where hh.id = ${idColumn} and hc.withdrawn_at is null)))`;

const ENTRIES = `
  select n.id, 'COMMENDATION' as entry_kind, n.nominee_kind::text as subject_kind, n.nominee_name as name, u.name as unit_name, u.path as unit_path,
         f.code as achievement_code, f.name_vi as form_name_vi, f.name_en as form_name_en, r.kind::text as round_kind, r.to_year as year,
         n.decision_number, n.decision_date::text as decision_date
    from nomination n join administrative_unit u on u.id = n.nominee_unit_id
    join commendation_form f on f.id = n.form_id join commendation_round r on r.id = n.round_id
   where n.status = 'DECIDED' and ${CONSENTED('n.nominee_kind', 'n.nominee_id')}
  union all
  select a.id, 'TITLE', a.subject_kind::text, coalesce(ci.full_name, h.name, cl.name, o.name, su.name), u.name, u.path,
         a.title_kind::text, null, null, null, a.year, a.decision_number, a.decision_date::text
    from title_award a join administrative_unit u on u.id = a.unit_id
    left join citizen ci on a.subject_kind = 'CITIZEN' and ci.id = a.subject_id
    left join household h on a.subject_kind = 'HOUSEHOLD' and h.id = a.subject_id
    left join clan cl on a.subject_kind = 'CLAN' and cl.id = a.subject_id
    left join organisation o on a.subject_kind = 'ORGANISATION' and o.id = a.subject_id
    left join administrative_unit su on a.subject_kind = 'UNIT' and su.id = a.subject_id
   where a.status = 'AWARDED' and ${CONSENTED('a.subject_kind', 'a.subject_id')}`;

export interface HonourRollQuery {
  withinPath: string | null;
  year: number | null;
}

function conditions(query: HonourRollQuery): Conditions {
  const where = new Conditions();
  if (query.withinPath) where.add('e.unit_path like ?', `${query.withinPath}%`);
  if (query.year !== null) where.add('e.year = ?', query.year);
  return where;
}

/** One keyset page of the honour roll, latest decision first. */
export async function findHonourRoll(em: EntityManager, query: HonourRollQuery, seek: Seek): Promise<HonourRollEntry[]> {
  const where = conditions(query);
  const rows = await keysetPage<Record<string, string | number | null> & { id: string; sort_key: unknown }>(em, {
    inner: `select e.*, e.decision_date as sort_key from (${ENTRIES}) e where ${where.toSql()}`,
    params: where.params,
    spec: { expr: 't.sort_key', direction: 'desc', cast: 'text' },
    seek,
  });
  return rows.map((row) => ({
    id: row.id,
    entryKind: row.entry_kind as HonourRollEntry['entryKind'],
    subjectKind: row.subject_kind as HonourRollSubjectKind,
    name: String(row.name),
    unitName: String(row.unit_name),
    achievementCode: String(row.achievement_code),
    formNameVi: row.form_name_vi === null ? null : String(row.form_name_vi),
    formNameEn: row.form_name_en === null ? null : String(row.form_name_en),
    roundKind: row.round_kind === null ? null : String(row.round_kind),
    year: Number(row.year),
    decisionNumber: String(row.decision_number),
    decisionDate: String(row.decision_date),
    sortKey: sortValue(row.sort_key),
  }));
}

export async function countHonourRoll(em: EntityManager, query: HonourRollQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from (${ENTRIES}) e where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}
