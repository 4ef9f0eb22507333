import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Length } from 'class-validator';
import { QueueName } from '../infra/queue';
import { UserError } from '../graphql/user-error';

export enum JobQueueName {
  MAINTENANCE = 'MAINTENANCE',
  MEDIA_IMAGE = 'MEDIA_IMAGE',
  MEDIA_VIDEO = 'MEDIA_VIDEO',
  MEDIA_DOCUMENT = 'MEDIA_DOCUMENT',
  TITLES = 'TITLES',
  WEBHOOKS = 'WEBHOOKS',
  REPORTS = 'REPORTS',
}

export const QUEUE_OF_NAME: Record<JobQueueName, QueueName> = {
  [JobQueueName.MAINTENANCE]: QueueName.Maintenance,
  [JobQueueName.MEDIA_IMAGE]: QueueName.MediaImage,
  [JobQueueName.MEDIA_VIDEO]: QueueName.MediaVideo,
  [JobQueueName.MEDIA_DOCUMENT]: QueueName.MediaDocument,
  [JobQueueName.TITLES]: QueueName.Titles,
  [JobQueueName.WEBHOOKS]: QueueName.Webhooks,
  [JobQueueName.REPORTS]: QueueName.Reports,
};

export function jobQueueNameOf(queue: QueueName): JobQueueName {
  return (Object.keys(QUEUE_OF_NAME) as JobQueueName[]).find((name) => QUEUE_OF_NAME[name] === queue) as JobQueueName;
}

registerEnumType(JobQueueName, {
  name: 'JobQueueName',
  description: 'A queue of background jobs.',
  valuesConfig: {
    MAINTENANCE: { description: 'Housekeeping: purges, reconciling, cleaning abandoned uploads.' },
    MEDIA_IMAGE: { description: 'Image thumbnails.' },
    MEDIA_VIDEO: { description: 'Video and audio: probing, transcoding, waveforms.' },
    MEDIA_DOCUMENT: { description: 'Documents: page counts, previews, text.' },
    TITLES: { description: 'Recalculation of the titles’ progress, monthly and on demand.' },
    WEBHOOKS: { description: 'Deliveries of webhooks to API clients’ endpoints, retried with backoff.' },
    REPORTS: { description: 'Files of reports (DOCX, XLSX, PDF) rendered from their snapshots.' },
  },
});

@ObjectType('JobCounts', { simpleResolvers: true, description: 'Jobs of a queue per state.' })
export class JobCountsType {
  @Field(() => Int, { description: 'Waiting to run.' })
  waiting!: number;

  @Field(() => Int, { description: 'Waiting to run, by priority.' })
  prioritized!: number;

  @Field(() => Int, { description: 'Running.' })
  active!: number;

  @Field(() => Int, { description: 'Waiting for a later time (backoff before a retry).' })
  delayed!: number;

  @Field(() => Int, { description: 'Failed for good (kept with their reason).' })
  failed!: number;

  @Field(() => Int, { description: 'Completed (the most recent are kept).' })
  completed!: number;
}

@ObjectType('FailedJob', { simpleResolvers: true, description: 'A job that failed for good.' })
export class FailedJobType {
  @Field({ description: 'Its id in the queue.' })
  id!: string;

  @Field({ description: 'The kind of job.' })
  name!: string;

  @Field({ description: 'Why it failed.' })
  failedReason!: string;

  @Field(() => Int, { description: 'Attempts it made.' })
  attemptsMade!: number;

  @Field(() => Date, { nullable: true, description: 'When it failed.' })
  failedAt!: Date | null;

  @Field({ description: 'Its data, as JSON.' })
  data!: string;
}

@ObjectType('JobQueue', { description: 'A queue of background jobs, for province administrators.' })
export class JobQueueType {
  @Field(() => JobQueueName, { description: 'Which queue.' })
  name!: JobQueueName;

  @Field({ description: 'True when paused: no new job starts.' })
  paused!: boolean;

  @Field(() => JobCountsType, { description: 'Jobs per state.' })
  counts!: JobCountsType;
}

@InputType({ description: 'A queue.' })
export class JobQueueInput {
  @Field(() => JobQueueName, { description: 'Which queue.' })
  queue!: JobQueueName;
}

@InputType({ description: 'A failed job to run again.' })
export class RetryFailedJobInput extends JobQueueInput {
  @Field({ description: 'The job\'s id.' })
  @Length(1, 200)
  jobId!: string;
}

@ObjectType({ description: 'A queue after a change, or why the change was refused.' })
export class JobQueuePayload {
  @Field(() => JobQueueType, { nullable: true, description: 'The queue; null when refused.' })
  queue!: object | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}
