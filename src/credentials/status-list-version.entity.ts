import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The version of a status list's bits. Triggers on title_award and nomination bump it in the
 * transaction that revokes (or restores) what one of the list's credentials certifies, so a signed
 * list cached under a version is never served after its bits change. No row: version 0.
 */
@Entity({ tableName: 'credential_status_list' })
export class StatusListVersion {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  list!: number;

  @Property({ type: 'integer', default: 0 })
  version!: number;
}
