import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { runMutation } from '../graphql/user-error';
import { Role } from '../core/roles';
import type { FailedJob, QueueState } from './job-queues.service';
import { FailedJobType, JobQueueInput, JobQueuePayload, JobQueueType, QUEUE_OF_NAME, jobQueueNameOf, RetryFailedJobInput, type JobQueueName } from './job-queue.types';

@Resolver(() => JobQueueType)
export class JobQueueResolver {
  @Authorized(Role.PROVINCE_ADMIN)
  @Query(() => [JobQueueType], { description: 'The background job queues: counts per state. Province administrators only.' })
  async jobQueues(@Ctx() ctx: RequestContext): Promise<(Omit<QueueState, 'name'> & { name: JobQueueName })[]> {
    return (await ctx.services.jobQueues.list(ctx)).map((queue) => ({ ...queue, name: jobQueueNameOf(queue.name) }));
  }

  @FieldResolver(() => [FailedJobType], { description: 'The most recent failed jobs, with their reasons.' })
  failedJobs(
    @Root() queue: { name: JobQueueName },
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many, at most 100.' }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<FailedJob[]> {
    return ctx.services.jobQueues.failed(ctx, QUEUE_OF_NAME[queue.name], Math.max(1, Math.min(first, 100)));
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => JobQueuePayload, { description: 'Runs a failed job again.' })
  async retryFailedJob(@Arg('input') input: RetryFailedJobInput, @Ctx() ctx: RequestContext): Promise<JobQueuePayload> {
    const outcome = await runMutation(ctx, () => ctx.services.jobQueues.retry(ctx, QUEUE_OF_NAME[input.queue], input.jobId));
    return { queue: outcome.result ? { ...outcome.result, name: input.queue } : null, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => JobQueuePayload, { description: 'Pauses a queue: jobs running finish, no new one starts.' })
  async pauseJobQueue(@Arg('input') input: JobQueueInput, @Ctx() ctx: RequestContext): Promise<JobQueuePayload> {
    const outcome = await runMutation(ctx, () => ctx.services.jobQueues.pause(ctx, QUEUE_OF_NAME[input.queue]));
    return { queue: outcome.result ? { ...outcome.result, name: input.queue } : null, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => JobQueuePayload, { description: 'Resumes a paused queue.' })
  async resumeJobQueue(@Arg('input') input: JobQueueInput, @Ctx() ctx: RequestContext): Promise<JobQueuePayload> {
    const outcome = await runMutation(ctx, () => ctx.services.jobQueues.resume(ctx, QUEUE_OF_NAME[input.queue]));
    return { queue: outcome.result ? { ...outcome.result, name: input.queue } : null, errors: outcome.errors };
  }
}
