import type { EntityManager } from '@mikro-orm/postgresql';
import { UserInputError } from '../../core/errors';
import type { Nomination } from './nomination.entity';

/**
 * Refuses a decision that would exceed the quota of its form, round and class of nominee. Locks the
 * quota row first (select … for update), so two decisions at the same moment queue on it and the
 * second counts the first's commendation once it commits. No quota row: no limit (Giấy khen).
 */
export async function takeQuotaPlace(em: EntityManager, nomination: Nomination): Promise<void> {
  const [quota] = await em.execute<{ places: number }[]>(
    'select places from commendation_quota where round_id = ? and form_id = ? and nominee_class = ? for update',
    [nomination.round.id, nomination.form.id, nomination.nomineeClass],
  );
  if (!quota) return;
  const [row] = await em.execute<{ taken: string }[]>(
    `select count(*) as taken from nomination where round_id = ? and form_id = ? and nominee_class = ? and status = 'DECIDED'`,
    [nomination.round.id, nomination.form.id, nomination.nomineeClass],
  );
  const taken = Number(row?.taken ?? 0);
  if (taken >= quota.places) {
    throw new UserInputError('QUOTA_EXCEEDED', ['id'], { taken, places: quota.places });
  }
}
