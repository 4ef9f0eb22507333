import { ArrayMaxSize, Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType, Node } from '../graphql/relay';
import { UserError } from '../graphql/user-error';
import { WebhookDeliveryStatus, WebhookEventKind } from './webhook.enums';

@ObjectType('WebhookDelivery', { implements: Node, description: 'One event sent (or to send) to a webhook endpoint, with the outcome of its last attempt.' })
export class WebhookDeliveryType extends Node {
  @Field({ description: 'The event’s id, sent as the `Webhook-Id` header: the same for a retry and a replay, so a receiver can ignore one it already handled.' })
  eventId!: string;

  @Field(() => WebhookEventKind, { description: 'What happened.' })
  kind!: WebhookEventKind;

  @Field({ description: 'The JSON body sent, exactly as signed.' })
  payload!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer; null before the first attempt or when no answer came.' })
  lastResponseCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (a status, a timeout, a refused address); null when it succeeded or none was made.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt was made.' })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the endpoint accepted it (a 2xx answer).' })
  deliveredAt!: Date | null;

  @Field({ description: 'When the event was recorded for this endpoint (or replayed).' })
  createdAt!: Date;
}

@ObjectType('WebhookDeliveryEdge', { description: 'One webhook delivery in a list.' })
export class WebhookDeliveryEdge extends EdgeType('WebhookDelivery', WebhookDeliveryType) {}

@ObjectType('WebhookDeliveryConnection', { description: 'A page of webhook deliveries, newest first.' })
export class WebhookDeliveryConnection extends ConnectionType('WebhookDelivery', WebhookDeliveryEdge) {}

@ObjectType('WebhookEndpoint', { implements: Node, description: 'A URL of an API client that receives signed webhooks (visible to the account managing the client).' })
export class WebhookEndpointType extends Node {
  @Field({ description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => [WebhookEventKind], { description: 'The kinds of event it receives.' })
  eventKinds!: WebhookEventKind[];

  @Field({ description: 'False while deliveries are paused: no new ones are recorded and pending ones fail.' })
  active!: boolean;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType('WebhookEndpointEdge', { description: 'One webhook endpoint in a list.' })
export class WebhookEndpointEdge extends EdgeType('WebhookEndpoint', WebhookEndpointType) {}

@ObjectType('WebhookEndpointConnection', { description: 'A page of webhook endpoints, newest first.' })
export class WebhookEndpointConnection extends ConnectionType('WebhookEndpoint', WebhookEndpointEdge) {}

@InputType({ description: 'A new webhook endpoint of an API client.' })
export class CreateWebhookEndpointInput {
  @Field(() => ID, { description: 'The API client, managed by the caller.' })
  apiClientId!: string;

  @Field({ description: 'An http(s) URL; in production, not on a private or loopback address.' })
  @Length(1, 2000)
  url!: string;

  @Field(() => [WebhookEventKind], { description: 'The kinds of event to receive; at least one.' })
  @ArrayMaxSize(20)
  eventKinds!: WebhookEventKind[];
}

@InputType({ description: 'Changes to a webhook endpoint; a field left out stays as it is.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'A new URL.' })
  @Length(1, 2000)
  url?: string | null;

  @Field(() => [WebhookEventKind], { nullable: true, description: 'The kinds of event to receive from now on; at least one.' })
  @ArrayMaxSize(20)
  eventKinds?: WebhookEventKind[] | null;

  @Field(() => Boolean, { nullable: true, description: 'False pauses deliveries, true resumes them.' })
  active?: boolean | null;
}

@InputType({ description: 'A webhook endpoint to act on.' })
export class WebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id!: string;
}

@InputType({ description: 'A webhook delivery to send again.' })
export class ReplayWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery.' })
  deliveryId!: string;
}

@ObjectType({ description: 'A webhook endpoint and its secret.' })
export class WebhookEndpointSecretPayload {
  @Field(() => WebhookEndpointType, { nullable: true, description: 'The endpoint.' })
  webhookEndpoint!: object | null;

  @Field(() => String, { nullable: true, description: 'The secret that signs its deliveries. Shown only now: store it safely.' })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ description: 'Result of changing a webhook endpoint.' })
export class UpdateWebhookEndpointPayload {
  @Field(() => WebhookEndpointType, { nullable: true, description: 'The endpoint as it is now.' })
  webhookEndpoint!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ description: 'Result of deleting a webhook endpoint.' })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted endpoint.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ description: 'Result of replaying a webhook delivery.' })
export class ReplayWebhookDeliveryPayload {
  @Field(() => WebhookDeliveryType, { nullable: true, description: 'The new delivery, PENDING until the workers send it.' })
  delivery!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
