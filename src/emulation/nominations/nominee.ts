import type { EntityManager } from '@mikro-orm/postgresql';
import { UserInputError } from '../../core/errors';
import { ContributorKind, NomineeKind } from '../emulation.enums';

/** A nominee's or contributor's name and unit, read from its own table. */
export interface SubjectRef {
  name: string;
  unitId: string;
}

/** The table, name column and unit column of each kind of nominee. */
const SOURCES: Record<NomineeKind, string> = {
  [NomineeKind.UNIT]: 'select name, id as unit_id from administrative_unit where id = ?',
  [NomineeKind.ORGANISATION]: 'select name, unit_id from organisation where id = ?',
  [NomineeKind.INSTITUTION]: 'select name, unit_id from institution where id = ?',
  [NomineeKind.BODY]: 'select name, unit_id from body where id = ?',
  [NomineeKind.HOUSEHOLD]: 'select name, hamlet_id as unit_id from household where id = ?',
  [NomineeKind.CITIZEN]: 'select full_name as name, residence_id as unit_id from citizen where id = ?',
  // An external contributor has no unit of its own: the unit of its first contribution's recipient.
  [NomineeKind.EXTERNAL]:
    'select e.name, (select c.unit_id from contribution c where c.contributor_kind = \'EXTERNAL\' and c.contributor_id = e.id order by c.contributed_on limit 1) as unit_id from external_contributor e where e.id = ?',
};

/** The nominee's name and unit; a UserError when it does not exist (or, external, has no contribution). */
export async function nomineeRef(em: EntityManager, kind: NomineeKind, id: string, field: string[]): Promise<SubjectRef> {
  const [row] = await em.execute<{ name: string; unit_id: string | null }[]>(SOURCES[kind], [id]);
  if (!row) throw new UserInputError('NOMINEE_NOT_FOUND', field);
  if (!row.unit_id) throw new UserInputError('NOMINEE_NOT_FOUND', field);
  return { name: row.name, unitId: row.unit_id };
}

/** The contributor kind of a nominee, when such a nominee can contribute. */
export function contributorKindOfNominee(kind: NomineeKind): ContributorKind | null {
  switch (kind) {
    case NomineeKind.CITIZEN:
      return ContributorKind.CITIZEN;
    case NomineeKind.HOUSEHOLD:
      return ContributorKind.HOUSEHOLD;
    case NomineeKind.ORGANISATION:
      return ContributorKind.ORGANISATION;
    case NomineeKind.EXTERNAL:
      return ContributorKind.EXTERNAL;
    case NomineeKind.UNIT:
    case NomineeKind.INSTITUTION:
    case NomineeKind.BODY:
      return null;
  }
}

const CONTRIBUTOR_SOURCES: Record<ContributorKind, string> = {
  [ContributorKind.CITIZEN]: 'select full_name as name from citizen where id = ?',
  [ContributorKind.HOUSEHOLD]: 'select name from household where id = ?',
  [ContributorKind.CLAN]: 'select name from clan where id = ?',
  [ContributorKind.ORGANISATION]: 'select name from organisation where id = ?',
  [ContributorKind.EXTERNAL]: 'select name from external_contributor where id = ?',
};

/** The contributor's name; a UserError when none of this kind has the id. */
export async function contributorName(em: EntityManager, kind: ContributorKind, id: string): Promise<string> {
  const [row] = await em.execute<{ name: string }[]>(CONTRIBUTOR_SOURCES[kind], [id]);
  if (!row) throw new UserInputError('CONTRIBUTOR_NOT_FOUND', ['contributorId']);
  return row.name;
}
