import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../infra/events';
import type { Logger } from '../infra/logger';
import type { WebhookEventKind } from './webhook.enums';

/** The channel every process hears when endpoints change: their kinds, their being active, their existence. */
export const ENDPOINTS_CHANNEL = 'webhook-endpoints';

/** How long a process trusts its set without hearing of a change: the bound on a missed message (Redis reconnecting). */
const TRUSTED_MS = 30_000;

/**
 * The event kinds some active endpoint takes, kept per process, so that the many events no endpoint takes (a titles run's
 * every batch, seats changing) cost no query. Each process forgets its set when ENDPOINTS_CHANNEL says endpoints changed
 * (and after TRUSTED_MS anyway); until its subscription to that channel is confirmed it trusts no set and answers "maybe",
 * so an event is never missed for an endpoint made in another process, and Redis being down costs a query, never a delivery.
 */
export class SubscribedKinds {
  private kinds: { loaded: Promise<Set<WebhookEventKind>>; until: number } | null = null;
  private listening: Promise<unknown> | null = null;
  private heard = false;

  constructor(
    private readonly events: () => EventBus,
    private readonly log: Logger,
  ) {}

  /** False only when no active endpoint takes the kind; true when one may. */
  async mayBeTaken(em: EntityManager, kind: WebhookEventKind, now = Date.now()): Promise<boolean> {
    this.listening ??= this.listen();
    if (!this.heard) return true;
    if (!this.kinds || this.kinds.until <= now) {
      const loaded = subscribedKinds(em);
      this.kinds = { loaded, until: now + TRUSTED_MS };
      loaded.catch(() => this.forget());
    }
    return (await this.kinds.loaded).has(kind);
  }

  /** Drops the set: the next event reads it again. */
  forget(): void {
    this.kinds = null;
  }

  private listen(): Promise<unknown> {
    return this.events()
      .listen(ENDPOINTS_CHANNEL)
      .then(async (changes) => {
        this.heard = true;
        for await (const _ of changes) this.forget();
        // The stream ends when the bus closes: trust nothing from then on.
        this.heard = false;
        this.listening = null;
      })
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'webhook endpoint changes cannot be heard; every event asks the database');
        this.heard = false;
        this.listening = null;
      });
  }
}

async function subscribedKinds(em: EntityManager): Promise<Set<WebhookEventKind>> {
  const rows = await em.execute<{ kind: WebhookEventKind }[]>(`select distinct unnest(event_kinds) as kind from webhook_endpoint where active`);
  return new Set(rows.map((row) => row.kind));
}
