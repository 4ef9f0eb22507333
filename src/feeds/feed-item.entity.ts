import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** What a feed publishes: OpenActive's kinds for a programme and one of its sessions. */
export enum FeedKind {
  SessionSeries = 'SessionSeries',
  ScheduledSession = 'ScheduledSession',
}

/**
 * One programme or session as the open feeds order it. Triggers on programme, programme_session and institution
 * (migration feed_items) mark an item pending (no change number) whenever what the feed shows of it changes; the feed
 * numbers pending items in one short transaction at a time (feed-numbering.ts), so numbers only ever appear in the
 * order they were given and a consumer that has read past a number never misses an item committed later.
 */
@Entity({ tableName: 'feed_item' })
@Index({ name: 'feed_item_kind_change_number_index', properties: ['kind', 'changeNumber'] })
@Index({ name: 'feed_item_pending_index', expression: 'create index "feed_item_pending_index" on "feed_item" ("kind") where "change_number" is null' })
export class FeedItem {
  @PrimaryKey({ type: 'string', length: 32 })
  kind!: FeedKind;

  @PrimaryKey({ type: 'uuid' })
  itemId!: string;

  /** Null while the item's latest change is not numbered yet. */
  @Property({ type: 'bigint', nullable: true })
  changeNumber: string | null = null;
}
