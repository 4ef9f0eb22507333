import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { ApiClient } from '../auth/api-client.entity';
import { BaseEntity } from '../infra/base.entity';
import { WebhookEventKind } from './webhook.enums';

/**
 * A URL of an API client that receives, signed with the endpoint's secret, the events of the kinds it chose. The secret is
 * kept as is (signing needs it) and shown only when it is made; rotating it makes a new one.
 */
@Entity({ tableName: 'webhook_endpoint' })
@Index({ properties: ['client', 'createdAt'] })
export class WebhookEndpoint extends BaseEntity<'active'> {
  @ManyToOne(() => ApiClient, { deleteRule: 'cascade' })
  client!: ApiClient;

  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Enum({ items: () => WebhookEventKind, array: true })
  eventKinds!: WebhookEventKind[];

  @Property({ type: 'string', length: 100, hidden: true })
  secret!: string;

  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}
