import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsEmail, Length, Max, Min } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../graphql/relay';
import { UserError } from '../graphql/user-error';
import { StatementTrust } from './api-client.enums';

@ObjectType('ApiClient', { implements: Node, description: 'A third-party front end with its own API key and rate limit (visible to province administrators).' })
export class ApiClientType extends Node {
  @Field({ description: 'Name of the application, e.g. "Cổng thông tin học tập Phường Long An".' })
  name!: string;

  @Field({ description: 'Who to contact about it.' })
  contactEmail!: string;

  @Field({ description: 'The first characters of its key, to tell keys apart; the key itself is shown only once.' })
  keyPrefix!: string;

  @Field(() => Int, { description: 'Requests a minute it may make.' })
  rateLimitPerMinute!: number;

  @Field(() => StatementTrust, { description: 'Whether its xAPI statements become learning logs, and verified or pending; show `statementTrustLabel`.' })
  statementTrust!: StatementTrust;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its key was revoked; null while it works.' })
  revokedAt!: Date | null;
}

@ObjectType('ApiClientEdge', { description: 'One API client in a list.' })
export class ApiClientEdge extends EdgeType('ApiClient', ApiClientType) {}

@ObjectType('ApiClientConnection', { description: 'A page of API clients, newest first.' })
export class ApiClientConnection extends ConnectionType('ApiClient', ApiClientEdge) {}

@InputType({ description: 'A new API client.' })
export class CreateApiClientInput {
  @Field({ description: 'Name of the application.' })
  @Length(1, 200)
  name!: string;

  @Field({ description: 'Who to contact about it.' })
  @IsEmail({}, { message: 'contactEmail is not a valid email address' })
  @Length(3, 254)
  contactEmail!: string;

  @Field(() => Int, { nullable: true, description: 'Requests a minute it may make; 600 by default.' })
  @Min(1)
  @Max(100_000)
  rateLimitPerMinute?: number;

  @Field(() => StatementTrust, { nullable: true, description: 'Whether its xAPI statements become learning logs; UNTRUSTED by default.' })
  statementTrust?: StatementTrust;
}

@InputType({ description: 'An API client whose key to revoke.' })
export class RevokeApiClientInput {
  @Field(() => ID, { description: 'The API client.' })
  id!: string;
}

@InputType({ description: "How far to trust an API client's xAPI statements." })
export class SetApiClientStatementTrustInput {
  @Field(() => ID, { description: 'The API client.' })
  apiClientId!: string;

  @Field(() => StatementTrust, { description: 'The trust, from its next statement on.' })
  statementTrust!: StatementTrust;
}

@ObjectType({ description: 'A new API client and its key.' })
export class CreateApiClientPayload {
  @Field(() => ApiClientType, { nullable: true, description: 'The client.' })
  apiClient!: object | null;

  @Field(() => String, { nullable: true, description: 'The key, to send as the `x-api-key` header. Shown only now: store it safely.' })
  key!: string | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ description: 'Result of revoking an API client.' })
export class RevokeApiClientPayload {
  @Field(() => ApiClientType, { nullable: true, description: 'The client, now revoked.' })
  apiClient!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ description: "Result of setting an API client's statement trust." })
export class SetApiClientStatementTrustPayload {
  @Field(() => ApiClientType, { nullable: true, description: 'The client, with its new trust.' })
  apiClient!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
