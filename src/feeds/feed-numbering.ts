import type { EntityManager } from '@mikro-orm/postgresql';
import type { FeedKind } from './feed-item.entity';

/** Held by the transaction that numbers pending items; the key is arbitrary, the same everywhere. */
const NUMBERING_LOCK = 7_310_315;

/** Most items numbered per call: a feed page reads at most this many anyway. */
const BATCH = 5_000;

/**
 * Gives the pending items of a feed their change numbers. One numbering transaction at a time (the others skip), and it
 * commits before the next takes numbers, so every snapshot sees the numbers given as a gapless prefix of the order they
 * were given in: a consumer past number N never finds a later commit below N. Items whose writer has not committed are
 * skipped (their rows are locked) and numbered by a later call, so a catalogue write never waits on a feed reader.
 */
export async function numberPendingItems(em: EntityManager, kind: FeedKind): Promise<void> {
  // Most reads find nothing pending: one look at the partial index instead of a transaction and a lock.
  const [{ pending }] = await em.execute<{ pending: boolean }[]>('select exists (select 1 from feed_item where kind = ? and change_number is null) as pending', [kind]);
  if (!pending) return;
  await em.transactional(async (tx) => {
    const [{ locked }] = await tx.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [NUMBERING_LOCK]);
    if (!locked) return;
    await tx.execute(
      `with pending as (
         select kind, item_id from feed_item where kind = ? and change_number is null
         order by item_id limit ? for update skip locked
       )
       update feed_item f set change_number = nextval('feed_change_number_seq')
       from pending where f.kind = pending.kind and f.item_id = pending.item_id`,
      [kind, BATCH],
    );
  });
}
