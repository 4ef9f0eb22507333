import { Conditions, pgArray } from '../infra/sql';
import { ProgrammeStatus } from './catalogue.enums';

/** Institutions whose drafts the actor may see, or 'all' for administrators. */
export type DraftAccess = string[] | 'all';

/** `p` (programme) is visible: not a draft, or a draft of an institution the actor works for. */
export function programmeVisible(where: Conditions, drafts: DraftAccess): void {
  if (drafts === 'all') return;
  where.add(`(p.status <> '${ProgrammeStatus.DRAFT}' or p.institution_id = any(?::uuid[]))`, pgArray(drafts));
}
