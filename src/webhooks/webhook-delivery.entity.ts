import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';
import { WebhookDeliveryStatus, WebhookEventKind } from './webhook.enums';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** One event sent (or to send) to one endpoint, with the outcome of its last attempt. A replay is a delivery of its own. */
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['endpoint', 'createdAt'] })
export class WebhookDelivery extends BaseEntity<'status' | 'attempts' | 'lastResponseCode' | 'lastError' | 'lastAttemptAt' | 'deliveredAt'> {
  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: WebhookEndpoint;

  /** The event's id, the same for every endpoint and every replay, so a receiver can ignore one it already handled. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Enum({ items: () => WebhookEventKind })
  kind!: WebhookEventKind;

  /** The body sent, byte for byte as signed. */
  @Property({ type: 'text' })
  payload!: string;

  @Enum({ items: () => WebhookDeliveryStatus, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'integer', nullable: true })
  lastResponseCode: number | null = null;

  /** Why the last attempt failed without a response (a timeout, a refused connection, a refused address). */
  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;
}
