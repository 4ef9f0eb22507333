import { Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';

/**
 * A period of belonging: from `validFrom` to `validTo` inclusive (null while it lasts). Moving or
 * changing job closes a membership and opens another, so history is kept; a member counts for a
 * year when the membership is valid on 31 December (titles.md, Computation).
 * Each table checks `valid_to >= valid_from` and keeps one open membership per pair (or, for
 * households, per citizen) with a partial unique index, which also settles concurrent writes.
 */
export abstract class Membership extends BaseEntity<'validTo'> {
  @Property({ type: 'string', columnType: 'date' })
  validFrom!: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  validTo: string | null = null;
}
