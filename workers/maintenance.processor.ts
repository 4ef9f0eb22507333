import { QueueName } from '../src/infra/queue';
import type { JobHandler } from './jobs';

/** Deletes refresh tokens that can no longer be used, so the table does not grow forever. */
export const purgeRefreshTokens: JobHandler = {
  queue: QueueName.Maintenance,
  async run(ctx) {
    const deleted = await ctx.services.auth.purgeRefreshTokens(ctx.em, ctx.now);
    return { status: 'done', detail: { deleted } };
  },
};
