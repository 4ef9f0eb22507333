import { Entity, Index, Property } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';

/**
 * A job to hand to BullMQ, written in the transaction of the change that needs it; the relay
 * adds it to its queue and deletes the row. Redis being down delays the job and loses nothing.
 */
@Entity({ tableName: 'job_outbox' })
@Index({ properties: ['createdAt'] })
export class OutboxJob extends BaseEntity<'priority' | 'attempts' | 'lastError'> {
  @Property({ type: 'string', length: 100 })
  queue!: string;

  @Property({ type: 'string', length: 100 })
  jobName!: string;

  /** Deterministic, so a row relayed twice makes one job. */
  @Property({ type: 'string', length: 200 })
  jobId!: string;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  /** BullMQ priority: 1 is the most urgent. */
  @Property({ type: 'integer', default: 1 })
  priority: number = 1;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'string', length: 1000, nullable: true })
  lastError: string | null = null;
}
