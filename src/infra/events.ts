import type { Redis } from 'ioredis';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterCommit } from './after-commit';
import type { Logger } from './logger';
import { connectRedis, createRedis } from './redis';

/** What an event carries: plain JSON. */
export type EventPayload = Record<string, unknown>;

/**
 * Durable work an event needs besides its listeners (webhook deliveries), done with the event's `em`, so in the
 * transaction of the change: it commits with it and is never done for a change that rolls back.
 */
export type EventRecorder = (em: EntityManager, channel: string) => Promise<void>;

/** Events a slow listener may fall behind by; older ones are dropped past that (an event says "changed": the reader re-reads). */
const MAX_BUFFERED = 100;

/** The events of one channel for one listener, in the order Redis delivered them, until it is returned. */
class EventStream implements AsyncIterableIterator<EventPayload> {
  private readonly buffered: EventPayload[] = [];
  private waiting: ((result: IteratorResult<EventPayload, undefined>) => void) | null = null;
  private closed = false;

  constructor(private readonly onClose: (stream: EventStream) => void) {}

  push(payload: EventPayload): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: payload, done: false });
      return;
    }
    if (this.buffered.length >= MAX_BUFFERED) this.buffered.shift();
    this.buffered.push(payload);
  }

  next(): Promise<IteratorResult<EventPayload, undefined>> {
    const payload = this.buffered.shift();
    if (payload) return Promise.resolve({ value: payload, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<EventPayload, undefined>> {
    if (!this.closed) {
      this.closed = true;
      this.buffered.length = 0;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
      this.onClose(this);
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Events through Redis channels (PUBLISH/SUBSCRIBE), so that one raised in any process, an API's or a worker's, reaches the
 * listeners of every API process. Channels are prefixed with QUEUE_PREFIX, as the queues are. Delivery is at most once and
 * only to whoever listens at that moment: an event says that something changed, and its listener reads what it is now.
 * Listening takes a connection of its own (Redis gives a subscribing connection to nothing else), opened on first use.
 */
export class EventBus {
  private subscriber: Redis | null = null;
  /** The streams listening to each channel, and Redis's answer to subscribing to it. */
  private readonly listeners = new Map<string, { streams: Set<EventStream>; subscribed: Promise<unknown> }>();

  constructor(
    private readonly publisher: Redis,
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly recorders: EventRecorder[] = [],
  ) {}

  /** Publishes now. An event that cannot be published (Redis is down) is logged and lost: listeners miss one change. */
  async publish(channel: string, payload: EventPayload = {}): Promise<void> {
    try {
      await this.publisher.publish(this.key(channel), JSON.stringify(payload));
    } catch (error) {
      this.log.warn({ err: error, channel }, 'an event could not be published');
    }
  }

  /** Records the event with `em` (EventRecorder), and publishes it once what `em` wrote is committed; never when it rolls back. */
  async publishAfterCommit(em: EntityManager, channel: string, payload: EventPayload = {}): Promise<void> {
    for (const record of this.recorders) await record(em, channel);
    return afterCommit(em, () => this.publish(channel, payload));
  }

  /** The events of a channel from the moment Redis confirms the subscription until the stream is returned. */
  async listen(channel: string): Promise<AsyncIterableIterator<EventPayload>> {
    const key = this.key(channel);
    const subscriber = await this.connected();
    const stream = new EventStream((closed) => this.forget(key, closed));
    let listeners = this.listeners.get(key);
    if (listeners) listeners.streams.add(stream);
    else {
      listeners = { streams: new Set([stream]), subscribed: subscriber.subscribe(key) };
      this.listeners.set(key, listeners);
    }
    try {
      await listeners.subscribed;
    } catch (error) {
      await stream.return();
      throw error;
    }
    return stream;
  }

  /** Ends every stream and closes the listening connection. */
  async close(): Promise<void> {
    for (const { streams } of [...this.listeners.values()]) for (const stream of [...streams]) await stream.return();
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  private key(channel: string): string {
    return `${this.prefix}:events:${channel}`;
  }

  private async connected(): Promise<Redis> {
    if (this.subscriber) return this.subscriber;
    const subscriber = createRedis(this.redisUrl, 'worker');
    subscriber.on('message', (key: string, message: string) => this.deliver(key, message));
    subscriber.on('error', (error: Error) => this.log.warn({ err: error }, 'the events connection to Redis failed; reconnecting'));
    this.subscriber = subscriber;
    const error = await connectRedis(subscriber);
    if (error) this.log.warn({ err: error }, 'Redis is not reachable for events yet; retrying in the background');
    return subscriber;
  }

  private deliver(key: string, message: string): void {
    const streams = this.listeners.get(key)?.streams;
    if (!streams) return;
    let payload: EventPayload;
    try {
      payload = JSON.parse(message) as EventPayload;
    } catch {
      this.log.warn({ channel: key }, 'an event that is not JSON was ignored');
      return;
    }
    for (const stream of streams) stream.push(payload);
  }

  private forget(key: string, stream: EventStream): void {
    const streams = this.listeners.get(key)?.streams;
    if (!streams?.delete(stream) || streams.size) return;
    this.listeners.delete(key);
    this.subscriber?.unsubscribe(key).catch((error: unknown) => this.log.warn({ err: error, channel: key }, 'an events channel could not be left'));
  }
}
