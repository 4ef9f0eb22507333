import { registerEnumType } from 'type-graphql';

/** What a webhook delivery says happened; an endpoint subscribes to some of them. */
export enum WebhookEventKind {
  MEDIA_ASSET_PROCESSING = 'MEDIA_ASSET_PROCESSING',
  TITLE_RUN_PROGRESS = 'TITLE_RUN_PROGRESS',
  SESSION_SEATS = 'SESSION_SEATS',
}

/** Where one delivery stands: waiting (or between retries), received with a 2xx, or given up. */
export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookEventKind, {
  name: 'WebhookEventKind',
  description:
    'A kind of event a webhook endpoint can receive; each delivery names the object that changed, to be read again through the API. An endpoint is told only of objects its API client could read with its key, which reads what the public reads.',
  valuesConfig: {
    MEDIA_ASSET_PROCESSING: {
      description:
        'A media asset’s processing moved on: a step started, finished or failed, or the asset became READY or FAILED (`data.id` is a MediaAsset). Only for assets a published learning resource uses: the others are seen by their institution’s staff alone.',
    },
    TITLE_RUN_PROGRESS: {
      description: 'A titles run saved progress, or ended (`data.id` is a TitleRun). Never delivered: an API key reads no titles run.',
      deprecationReason: 'An API key reads no titles run (officials sign in to), so no endpoint is sent this kind; officials follow a run with the titleRunProgress subscription.',
    },
    SESSION_SEATS: {
      description:
        'The seats of a programme session changed: an enrolment, a cancellation, a new capacity (`data.id` is a ProgrammeSession). Only for sessions of programmes that are not drafts: drafts are seen by their institution’s staff alone.',
    },
  },
});

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet received: waiting for its first attempt or for a retry.' },
    DELIVERED: { description: 'The endpoint answered with a 2xx status.' },
    FAILED: { description: 'Every attempt failed, or the endpoint was deactivated or deleted; `replayWebhookDelivery` sends it again.' },
  },
});
