import type { EntityManager } from '@mikro-orm/postgresql';
import type { UnitLevel } from '../catalogue/catalogue.enums';
import { pgArray } from '../infra/sql';
import { SubjectKind } from './engine/engine.enums';
import { TitleKind } from './titles.enums';

/** A subject of a title, and the unit it belongs to (what access and disadvantaged areas are decided by). */
export interface ResolvedSubject {
  kind: SubjectKind;
  id: string;
  titleKind: TitleKind;
  /** The definition's unit level, for LEARNING_COMMUNITY. */
  unitLevel: UnitLevel | null;
  /** A citizen's residence, a household's hamlet, a clan's or organisation's unit, a unit itself. */
  unitId: string;
  unitPath: string;
  /**
   * Accounts that may read the subject's progress besides assessors and admins: the citizen's own;
   * the current members of a household, of a clan's households, of an organisation.
   */
  readerAccountIds: string[];
  /** True for units: a community's progress is aggregate and public to every signed-in account. */
  public: boolean;
}

export function titleKindOf(kind: SubjectKind): TitleKind {
  switch (kind) {
    case SubjectKind.CITIZEN:
      return TitleKind.LEARNING_CITIZEN;
    case SubjectKind.HOUSEHOLD:
      return TitleKind.LEARNING_FAMILY;
    case SubjectKind.CLAN:
      return TitleKind.LEARNING_CLAN;
    case SubjectKind.ORGANISATION:
      return TitleKind.LEARNING_UNIT;
    case SubjectKind.UNIT:
      return TitleKind.LEARNING_COMMUNITY;
  }
}

/** Per kind: the subject's unit, and the accounts of its current members (memberships open today). */
const LOOKUPS: Record<SubjectKind, string> = {
  [SubjectKind.CITIZEN]: `select c.id, c.residence_id as unit_id, u.path, null::text as level, array_remove(array[c.account_id], null) as readers
      from citizen c join administrative_unit u on u.id = c.residence_id where c.id = any(?::uuid[])`,
  [SubjectKind.HOUSEHOLD]: `select h.id, h.hamlet_id as unit_id, u.path, null::text as level,
           array(select c.account_id from household_membership hm join citizen c on c.id = hm.citizen_id
                  where hm.household_id = h.id and hm.valid_to is null and c.account_id is not null) as readers
      from household h join administrative_unit u on u.id = h.hamlet_id where h.id = any(?::uuid[])`,
  [SubjectKind.CLAN]: `select k.id, k.unit_id, u.path, null::text as level,
           array(select c.account_id from clan_membership cm join household_membership hm on hm.household_id = cm.household_id join citizen c on c.id = hm.citizen_id
                  where cm.clan_id = k.id and cm.valid_to is null and hm.valid_to is null and c.account_id is not null) as readers
      from clan k join administrative_unit u on u.id = k.unit_id where k.id = any(?::uuid[])`,
  [SubjectKind.ORGANISATION]: `select o.id, o.unit_id, u.path, null::text as level,
           array(select c.account_id from organisation_membership om join citizen c on c.id = om.citizen_id
                  where om.organisation_id = o.id and om.valid_to is null and c.account_id is not null) as readers
      from organisation o join administrative_unit u on u.id = o.unit_id where o.id = any(?::uuid[])`,
  [SubjectKind.UNIT]: `select u.id, u.id as unit_id, u.path, u.level, '{}'::uuid[] as readers from administrative_unit u where u.id = any(?::uuid[])`,
};

/** Finds subjects and the units they belong to, one query per kind asked for; null for each that does not exist. */
export async function resolveSubjects(em: EntityManager, refs: readonly { kind: SubjectKind; id: string }[]): Promise<(ResolvedSubject | null)[]> {
  const found = new Map<string, ResolvedSubject>();
  for (const kind of new Set(refs.map((ref) => ref.kind))) {
    const ids = refs.filter((ref) => ref.kind === kind).map((ref) => ref.id);
    const rows = await em.execute<{ id: string; unit_id: string; path: string; level: UnitLevel | null; readers: string[] }[]>(LOOKUPS[kind], [pgArray(ids)]);
    for (const row of rows) {
      found.set(`${kind}:${row.id}`, {
        kind,
        id: row.id,
        titleKind: titleKindOf(kind),
        unitLevel: kind === SubjectKind.UNIT ? row.level : null,
        unitId: row.unit_id,
        unitPath: row.path,
        readerAccountIds: row.readers,
        public: kind === SubjectKind.UNIT,
      });
    }
  }
  return refs.map((ref) => found.get(`${ref.kind}:${ref.id}`) ?? null);
}

/** Finds a subject and the unit it belongs to; null when it does not exist. */
export async function resolveSubject(em: EntityManager, kind: SubjectKind, id: string): Promise<ResolvedSubject | null> {
  const [subject] = await resolveSubjects(em, [{ kind, id }]);
  return subject ?? null;
}
