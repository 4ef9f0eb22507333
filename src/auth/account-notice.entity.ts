import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';
import { Account } from './account.entity';

export enum AccountNoticeKind {
  /** Signing in was locked after too many failed attempts. */
  SIGN_IN_LOCKED = 'SIGN_IN_LOCKED',
}

/**
 * Something the platform tells the owner of an account about their account, such as a lock of
 * signing in that someone else's attempts may have caused. Only the owner sees it.
 */
@Entity({ tableName: 'account_notice' })
@Index({ properties: ['account', 'createdAt', 'id'] })
export class AccountNotice extends BaseEntity<'clientAddress'> {
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Account;

  @Enum({ items: () => AccountNoticeKind })
  kind!: AccountNoticeKind;

  /** The failed attempts that caused the lock. */
  @Property({ type: 'integer' })
  failedAttempts!: number;

  /** The address of the attempt that started the lock, when it was known. */
  @Property({ type: 'string', length: 64, nullable: true })
  clientAddress: string | null = null;

  /** When signing in works again. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  lockedUntil!: Date;
}
