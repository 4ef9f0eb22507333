import type { FeedRow } from './feed.sql';

/** The licence of the open data, as RPDE's `license` says it. */
export const FEED_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

export type JsonObject = Record<string, unknown>;

export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 1000;

export interface RpdeItem {
  state: 'updated' | 'deleted';
  kind: string;
  id: string;
  modified: number;
  data?: JsonObject;
}

export interface RpdePage {
  next: string;
  items: RpdeItem[];
  license: string;
}

/** Where a consumer is in a feed: after this change number, pages of this size. */
export interface FeedPosition {
  afterChangeNumber: number;
  limit: number;
}

/** Reads `afterChangeNumber` and `limit`; a message for a client's mistake, never a guess. */
export function feedPositionOf(query: Record<string, unknown>): FeedPosition | { error: string } {
  const read = (name: string, fallback: number, max: number): number | string => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    const value = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(value) && value <= max ? value : `${name} must be a whole number from 0 to ${max}`;
  };
  const afterChangeNumber = read('afterChangeNumber', 0, Number.MAX_SAFE_INTEGER);
  const limit = read('limit', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof afterChangeNumber === 'string') return { error: afterChangeNumber };
  if (typeof limit === 'string') return { error: limit };
  if (limit === 0) return { error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` };
  return { afterChangeNumber, limit };
}

/**
 * One page of an RPDE feed (Incrementing Unique Change Number ordering): items that left the public catalogue are
 * tombstones without data; `next` continues after the last item, or repeats this page's position when it is the last.
 */
export function rpdePage<T>(feedUrl: string, kind: string, position: FeedPosition, rows: FeedRow<T>[], dataOf: (item: T) => JsonObject): RpdePage {
  const items = rows.map((row): RpdeItem => (row.item === null
    ? { state: 'deleted', kind, id: row.id, modified: row.changeNumber }
    : { state: 'updated', kind, id: row.id, modified: row.changeNumber, data: dataOf(row.item) }));
  const after = rows.at(-1)?.changeNumber ?? position.afterChangeNumber;
  const limit = position.limit === DEFAULT_PAGE_SIZE ? '' : `&limit=${position.limit}`;
  return { next: `${feedUrl}?afterChangeNumber=${after}${limit}`, items, license: FEED_LICENSE };
}
