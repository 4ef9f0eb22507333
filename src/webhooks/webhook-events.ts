import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ProgrammeStatus } from '../catalogue/catalogue.enums';
import { ProgrammeSession } from '../catalogue/programmes/session.entity';
import { seatsChannel } from '../catalogue/programmes/session.service';
import { QueueName, JobName } from '../infra/queue';
import { publishedAssetIds } from '../media/media-read.service';
import { assetChannel } from '../media/processing.service';
import { runChannel } from '../titles/engine/run-channel';
import { WebhookEventKind } from './webhook.enums';

/**
 * Whether an API key may read the object an event names. A key identifies its client and spends its budget; it grants no
 * access of its own, so a client reads what the public reads (src/http/caller.ts), and is told only of what it could read
 * with `node(id:)` after the change. Null: a key never reads objects of the kind.
 */
type ReadableByKeys = ((em: EntityManager, id: string) => Promise<boolean>) | null;

/** The kind of event of each events channel, the GraphQL type of the object it names, and who of the API clients may hear of it. */
const KIND_OF_CHANNEL: { prefix: string; kind: WebhookEventKind; typeName: string; readableByKeys: ReadableByKeys }[] = [
  // Anyone sees an asset once a published resource uses it (MediaReadService.canSee, for a caller who manages nothing).
  { prefix: assetChannel(''), kind: WebhookEventKind.MEDIA_ASSET_PROCESSING, typeName: 'MediaAsset', readableByKeys: async (em, id) => (await publishedAssetIds(em, [id])).has(id) },
  // Titles runs are read by officials signed in, never with a key alone.
  { prefix: runChannel(''), kind: WebhookEventKind.TITLE_RUN_PROGRESS, typeName: 'TitleRun', readableByKeys: null },
  // Anyone sees a session unless its programme is a draft (ProgrammeService.canSee, for a caller who manages nothing).
  {
    prefix: seatsChannel(''),
    kind: WebhookEventKind.SESSION_SEATS,
    typeName: 'ProgrammeSession',
    readableByKeys: async (em, id) => {
      const session = await em.findOne(ProgrammeSession, id, { populate: ['programme'] });
      return session !== null && session.programme.status !== ProgrammeStatus.DRAFT;
    },
  },
];

/** The body of a delivery: which event, and the object to read again through the API (with the client's own access). */
export interface WebhookEventBody {
  id: string;
  kind: WebhookEventKind;
  occurredAt: string;
  data: { id: string };
}

export type GlobalIdOf = (typeName: string, id: string) => string;

/** An event webhooks may carry: its kind, the id of the object it names, and whether API keys could ever read such objects. */
export interface WebhookChannel {
  kind: WebhookEventKind;
  objectId: string;
  /** The delivery's body, made when one is recorded. */
  body(globalId: GlobalIdOf, now: Date): WebhookEventBody;
  readableByKeys: ReadableByKeys;
}

/** What an events channel carries to webhooks, or null for a channel no webhook receives (a report file's, for one). No query. */
export function webhookChannelOf(channel: string): WebhookChannel | null {
  const match = KIND_OF_CHANNEL.find((entry) => channel.startsWith(entry.prefix));
  if (!match) return null;
  const objectId = channel.slice(match.prefix.length);
  return {
    kind: match.kind,
    objectId,
    readableByKeys: match.readableByKeys,
    body: (globalId, now) => ({ id: randomUUID(), kind: match.kind, occurredAt: now.toISOString(), data: { id: globalId(match.typeName, objectId) } }),
  };
}

export function deliveryJobId(deliveryId: string): string {
  return `webhook.${deliveryId}`;
}

/**
 * Records, with `em` (so in the transaction of the change), a PENDING delivery of the event to every active endpoint of a
 * client not revoked that takes its kind, and the job of each in the outbox. One statement, whatever the number of endpoints.
 * Every client reads the object alike (as the public does): the caller checked that it may, once for all of them.
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
