import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';
import { Account } from './account.entity';
import { StatementTrust } from './api-client.enums';

/**
 * A third-party front end (a district's portal, a library's app) that reads the public API with
 * its own key and its own rate limit. The key is shown once; only its hash is kept.
 */
@Entity({ tableName: 'api_client' })
export class ApiClient extends BaseEntity<'revokedAt' | 'createdBy' | 'statementTrust'> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 254 })
  contactEmail!: string;

  @Unique()
  @Property({ type: 'string', length: 64, hidden: true })
  keyHash!: string;

  /** The first characters of the key, so people can tell their keys apart. */
  @Property({ type: 'string', length: 16 })
  keyPrefix!: string;

  @Property({ type: 'integer' })
  rateLimitPerMinute!: number;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  createdBy: Account | null = null;

  /** Whether the client's xAPI statements become learning logs, and verified or pending. */
  @Enum({ items: () => StatementTrust, default: StatementTrust.UNTRUSTED })
  statementTrust: StatementTrust = StatementTrust.UNTRUSTED;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
