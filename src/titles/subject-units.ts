import type { EntityManager } from '@mikro-orm/postgresql';
import type { UnitLevel } from '../catalogue/catalogue.enums';
import { fromGlobalId } from '../graphql/global-id';
import { BadInputError } from '../graphql/errors';
import { SubjectKind } from './engine.enums';
import { TitleKind } from './titles.enums';

/** A subject of a title, and the unit it belongs to (what access and disadvantaged areas are decided by). */
export interface ResolvedSubject {
  kind: SubjectKind;
  id: string;
  titleKind: TitleKind;
  /** The definition's unit level, for LEARNING_COMMUNITY. */
  unitLevel: UnitLevel | null;
  unitId: string;
  unitPath: string;
  /** The citizen's own account, for CITIZEN. */
  accountId: string | null;
  /** Year of birth, for CITIZEN. */
  birthYear: number | null;
}

/** The GraphQL type of each subject kind's global id; households, clans and organisations join as they land. */
const TYPE_NAMES: Partial<Record<string, SubjectKind>> = { Citizen: SubjectKind.CITIZEN };

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

/** The subject a global id names; a clear error for ids of other types. */
export function subjectOfGlobalId(globalId: string): { kind: SubjectKind; id: string } {
  const decoded = fromGlobalId(globalId);
  const kind = TYPE_NAMES[decoded.typeName];
  if (!kind) throw new BadInputError(`"${globalId}" is the id of a ${decoded.typeName}, which has no title; a Citizen id is expected`);
  return { kind, id: decoded.id };
}

/** Finds a subject and the unit it belongs to; null when it does not exist. */
export async function resolveSubject(em: EntityManager, kind: SubjectKind, id: string): Promise<ResolvedSubject | null> {
  switch (kind) {
    case SubjectKind.CITIZEN: {
      const [row] = await em.execute<{ unit_id: string; path: string; account_id: string | null; birth_year: number }[]>(
        'select c.residence_id as unit_id, u.path, c.account_id, c.birth_year from citizen c join administrative_unit u on u.id = c.residence_id where c.id = ?',
        [id],
      );
      return row
        ? { kind, id, titleKind: TitleKind.LEARNING_CITIZEN, unitLevel: null, unitId: row.unit_id, unitPath: row.path, accountId: row.account_id, birthYear: row.birth_year }
        : null;
    }
    case SubjectKind.HOUSEHOLD:
    case SubjectKind.CLAN:
    case SubjectKind.ORGANISATION:
    case SubjectKind.UNIT:
      throw new BadInputError(`titles of ${kind.toLowerCase()} subjects are not computed yet`);
  }
}
