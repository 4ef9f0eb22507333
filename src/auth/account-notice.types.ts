import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType, Node } from '../graphql/relay';
import { AccountNoticeKind } from './account-notice.entity';
// Registers AccountNoticeKind with its labels before the fields below name it.
import './account-notice.enums';

@ObjectType('AccountNotice', {
  simpleResolvers: true,
  implements: Node,
  description: 'Something the platform tells the owner of an account about it, such as a lock of signing in after failed attempts; only the owner sees it.',
})
export class AccountNoticeType extends Node {
  @Field(() => AccountNoticeKind, { description: 'What the notice is about.' })
  kind!: AccountNoticeKind;

  @Field({ description: 'When it happened.' })
  createdAt!: Date;

  @Field(() => Int, { description: 'SIGN_IN_LOCKED: the failed attempts that caused the lock.' })
  failedAttempts!: number;

  @Field(() => String, { nullable: true, description: 'SIGN_IN_LOCKED: the address the attempt that started the lock came from, when known.' })
  clientAddress!: string | null;

  @Field({ description: 'SIGN_IN_LOCKED: when signing in works again.' })
  lockedUntil!: Date;
}

@ObjectType('AccountNoticeEdge', { description: 'One notice in a list.' })
export class AccountNoticeEdge extends EdgeType('AccountNotice', AccountNoticeType) {}

@ObjectType('AccountNoticeConnection', { description: 'A page of an account\'s notices, newest first.' })
export class AccountNoticeConnection extends ConnectionType('AccountNotice', AccountNoticeEdge) {}
