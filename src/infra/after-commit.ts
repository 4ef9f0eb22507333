import type { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';

type Work = () => Promise<void>;

/** A knex transaction; a savepoint (a nested `transactional`) names the transaction it is in. */
interface Transaction {
  parentTransaction?: Transaction;
}

/** Work waiting for the commit of a top-level transaction, by that transaction. */
const waiting = new WeakMap<object, Work[]>();

function topLevel(transaction: Transaction): Transaction {
  let current = transaction;
  while (current.parentTransaction) current = current.parentTransaction;
  return current;
}

/**
 * Runs `work` once what `em` wrote is committed: after its top-level transaction commits, never when it rolls back;
 * at once when `em` is in no transaction (its statements committed as they ran). A savepoint rolled back inside a
 * transaction that commits does not cancel the work: give it what readers re-read (an id), not the state itself.
 */
export async function afterCommit(em: EntityManager, work: Work): Promise<void> {
  const transaction = em.getTransactionContext<Transaction>();
  if (!transaction) return work();
  const root = topLevel(transaction);
  const works = waiting.get(root);
  if (works) works.push(work);
  else waiting.set(root, [work]);
}

/** Runs the work waiting for a transaction when it commits, and drops it when it rolls back; given to MikroORM as a subscriber. */
export class AfterCommitSubscriber implements EventSubscriber {
  async afterTransactionCommit({ transaction }: TransactionEventArgs): Promise<void> {
    if (!transaction) return;
    const works = waiting.get(transaction) ?? [];
    waiting.delete(transaction);
    for (const work of works) await work();
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    if (transaction) waiting.delete(transaction);
  }
}
