import type { EntityManager } from '@mikro-orm/postgresql';
import { SubjectKind } from '../titles/engine/engine.enums';
import { STATUS_LIST_BITS } from './status-list';

/**
 * The next free position in the status lists. Serialised by a transaction-scoped advisory lock, so two
 * issues at once never take the same bit; the lock ends with the issuing transaction.
 */
export async function nextStatusIndex(em: EntityManager): Promise<number> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('award_credential.status_index'))`);
  const [row] = await em.execute<{ next: number }[]>('select coalesce(max(status_index) + 1, 0)::int as next from award_credential');
  return row?.next ?? 0;
}

/** The bits of one list that are set: credentials whose award or commendation was revoked. */
export async function revokedBits(em: EntityManager, list: number): Promise<number[]> {
  const rows = await em.execute<{ bit: number }[]>(
    `select (c.status_index - ?::int)::int as bit from award_credential c
       left join title_award a on a.id = c.award_id left join nomination n on n.id = c.nomination_id
      where (a.status = 'REVOKED' or n.status = 'REVOKED') and c.status_index >= ?::int and c.status_index < ?::int`,
    [list * STATUS_LIST_BITS, list * STATUS_LIST_BITS, (list + 1) * STATUS_LIST_BITS],
  );
  return rows.map((row) => row.bit);
}

/** The version of a list's bits, which the revocation triggers bump (credential_status_list). */
export async function statusListVersion(em: EntityManager, list: number): Promise<number> {
  const [row] = await em.execute<{ version: number }[]>('select coalesce((select version from credential_status_list where list = ?), 0)::int as version', [list]);
  return row?.version ?? 0;
}

/** How many lists there are: one more than the list of the highest bit given out. */
export async function statusListCount(em: EntityManager): Promise<number> {
  const [row] = await em.execute<{ lists: number }[]>(`select coalesce(max(status_index) / ${STATUS_LIST_BITS} + 1, 0)::int as lists from award_credential`);
  return row?.lists ?? 0;
}

const SUBJECT_NAMES: Record<SubjectKind, string> = {
  [SubjectKind.CITIZEN]: 'select full_name as name from citizen where id = ?',
  [SubjectKind.HOUSEHOLD]: 'select name from household where id = ?',
  [SubjectKind.CLAN]: 'select name from clan where id = ?',
  [SubjectKind.ORGANISATION]: 'select name from organisation where id = ?',
  [SubjectKind.UNIT]: 'select name from administrative_unit where id = ?',
};

/** The name a certificate and the holder's identity hash carry: a citizen's full name, a group's or a unit's name. */
export async function subjectName(em: EntityManager, kind: SubjectKind, id: string): Promise<string> {
  const [row] = await em.execute<{ name: string }[]>(SUBJECT_NAMES[kind], [id]);
  return row?.name ?? '';
}
