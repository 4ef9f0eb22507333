import { BadInputError } from '../core/errors';
import { fromGlobalId } from '../graphql/global-id';
import { SubjectKind } from './engine/engine.enums';

/** What the titles' GraphQL types share: how a client names a title's subject. */

/** The GraphQL type of each subject kind's global id. */
const TYPE_NAMES: Partial<Record<string, SubjectKind>> = {
  Citizen: SubjectKind.CITIZEN,
  Household: SubjectKind.HOUSEHOLD,
  Clan: SubjectKind.CLAN,
  Organisation: SubjectKind.ORGANISATION,
  AdministrativeUnit: SubjectKind.UNIT,
};

/** The subject a global id names; a clear error for ids of other types. */
export function subjectOfGlobalId(globalId: string): { kind: SubjectKind; id: string } {
  const decoded = fromGlobalId(globalId);
  const kind = TYPE_NAMES[decoded.typeName];
  if (!kind) throw new BadInputError(`"${globalId}" is the id of a ${decoded.typeName}, which has no title; the id of a Citizen, Household, Clan, Organisation or AdministrativeUnit is expected`);
  return { kind, id: decoded.id };
}
