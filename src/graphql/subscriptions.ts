import type { RequestContext } from '../core/context';
import { Loaders } from '../core/loaders';

/** What a subscription to one object watches. */
export interface Watched<T> {
  /** The channel whose events say that the object changed. */
  channel: string;
  /** Reads the object through the same service and access check as its query, and refuses as that query does. */
  read(ctx: RequestContext): Promise<T>;
  /** True once nothing more will change: the subscription sends it and ends. */
  settled(value: T): boolean;
}

/** The root value of one event of a subscription: the object as read then, or why it could not be read (its last event). */
export type EventRoot<T> = { value: T } | { error: unknown };

/** The object of an event, for the subscription field to return; the reason it could not be read, thrown as a field error. */
export function eventValue<T>(root: EventRoot<T>): T {
  if ('error' in root) throw root.error;
  return root.value;
}

/**
 * An operation's context made fresh for the next event (graphql-js gives every event of a subscription the context of
 * the operation): its own EntityManager and DataLoaders, so nothing read for an earlier event is served again.
 */
function refresh(ctx: RequestContext): void {
  ctx.em = ctx.em.fork();
  ctx.loaders = new Loaders();
  ctx.now = new Date();
}

class WatchStream<T> implements AsyncIterableIterator<EventRoot<T>> {
  private first: { value: T } | null;
  private finished = false;

  constructor(
    private readonly ctx: RequestContext,
    private readonly watched: Watched<T>,
    private readonly events: AsyncIterator<unknown>,
    first: T,
  ) {
    this.first = { value: first };
  }

  async next(): Promise<IteratorResult<EventRoot<T>, undefined>> {
    if (this.first) {
      const first = this.first;
      this.first = null;
      return this.send(first);
    }
    if (this.finished) return { value: undefined, done: true };
    const event = await this.events.next();
    if (event.done || this.finished) return this.return();
    refresh(this.ctx);
    try {
      return await this.send({ value: await this.watched.read(this.ctx) });
    } catch (error) {
      await this.return();
      return { value: { error }, done: false };
    }
  }

  async return(): Promise<IteratorResult<EventRoot<T>, undefined>> {
    this.finished = true;
    await this.events.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private async send(root: { value: T }): Promise<IteratorResult<EventRoot<T>, undefined>> {
    if (this.watched.settled(root.value)) await this.return();
    return { value: root, done: false };
  }
}

/**
 * The source stream of a subscription to one object: the object now, then read again after each event of its channel,
 * until it is settled or the client stops. Refuses (throws) as the object's query does, before anything is sent.
 * Listening starts before the first read, so a change made in between is not missed.
 */
export async function watch<T>(ctx: RequestContext, watched: Watched<T>): Promise<AsyncIterableIterator<EventRoot<T>>> {
  const events = await ctx.services.events.listen(watched.channel);
  try {
    return new WatchStream(ctx, watched, events, await watched.read(ctx));
  } catch (error) {
    await events.return?.();
    throw error;
  }
}
