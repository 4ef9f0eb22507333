import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { seatsChannel } from '../catalogue/programmes/session.service';
import { QueueName, JobName } from '../infra/queue';
import { assetChannel } from '../media/processing.service';
import { runChannel } from '../titles/engine/run-channel';
import { WebhookEventKind } from './webhook.enums';

/** The kind of event of each events channel, and the GraphQL type of the object it names. */
const KIND_OF_CHANNEL: { prefix: string; kind: WebhookEventKind; typeName: string }[] = [
  { prefix: assetChannel(''), kind: WebhookEventKind.MEDIA_ASSET_PROCESSING, typeName: 'MediaAsset' },
  { prefix: runChannel(''), kind: WebhookEventKind.TITLE_RUN_PROGRESS, typeName: 'TitleRun' },
  { prefix: seatsChannel(''), kind: WebhookEventKind.SESSION_SEATS, typeName: 'ProgrammeSession' },
];

/** The body of a delivery: which event, and the object to read again through the API (with the client's own access). */
export interface WebhookEventBody {
  id: string;
  kind: WebhookEventKind;
  occurredAt: string;
  data: { id: string };
}

export type GlobalIdOf = (typeName: string, id: string) => string;

/** The event an events channel carries to webhooks, or null for a channel no webhook receives. */
export function webhookEventOf(channel: string, globalId: GlobalIdOf, now: Date): WebhookEventBody | null {
  const match = KIND_OF_CHANNEL.find((entry) => channel.startsWith(entry.prefix));
  if (!match) return null;
  return { id: randomUUID(), kind: match.kind, occurredAt: now.toISOString(), data: { id: globalId(match.typeName, channel.slice(match.prefix.length)) } };
}

export function deliveryJobId(deliveryId: string): string {
  return `webhook.${deliveryId}`;
}

/**
 * Records, with `em` (so in the transaction of the change), a PENDING delivery of the event to every active endpoint of a
 * client not revoked that takes its kind, and the job of each in the outbox. One statement, whatever the number of endpoints.
 */
export async function recordDeliveries(em: EntityManager, event: WebhookEventBody): Promise<void> {
  await em.execute(
    `with delivery as (
       insert into webhook_delivery (id, created_at, updated_at, endpoint_id, event_id, kind, payload, status, attempts)
       select gen_random_uuid(), now(), now(), e.id, ?, ?, ?, 'PENDING', 0
         from webhook_endpoint e join api_client c on c.id = e.client_id
        where e.active and c.revoked_at is null and ? = any(e.event_kinds)
       returning id)
     insert into job_outbox (id, created_at, updated_at, queue, job_name, job_id, data, priority, attempts)
     select gen_random_uuid(), now(), now(), ?, ?, ? || id, jsonb_build_object('deliveryId', id), 1, 0 from delivery`,
    [event.id, event.kind, JSON.stringify(event), event.kind, QueueName.Webhooks, JobName.DeliverWebhook, deliveryJobId('')],
  );
}
