import { QueueName } from '../src/infra/queue';
import type { JobHandler } from './jobs';

function deliveryIdOf(data: unknown): string | null {
  const id = typeof data === 'object' && data !== null ? (data as { deliveryId?: unknown }).deliveryId : undefined;
  return typeof id === 'string' ? id : null;
}

/** One attempt of a webhook delivery; a failed attempt throws, so BullMQ retries it with exponential backoff. */
export const deliverWebhook: JobHandler = {
  queue: QueueName.Webhooks,
  async run(ctx, data) {
    const deliveryId = deliveryIdOf(data);
    if (!deliveryId) return { status: 'skipped', reason: 'no deliveryId in the job data' };
    return ctx.services.webhooks.deliver(ctx.em, deliveryId, ctx.finalAttempt);
  },
};
