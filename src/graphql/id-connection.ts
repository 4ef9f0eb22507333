import type { CursorCodec } from './cursor';
import { Connection, keysetConnection, type PageArgs } from './relay';
import type { IdRow, Seek } from '../infra/keyset';

/**
 * A Relay connection over a keyset query that returns ids (and sort keys): the page's records are
 * then loaded in one batch by `load`, in the page's order.
 */
export async function idConnection<T>(options: {
  args: PageArgs;
  codec: CursorCodec;
  scope: string;
  fetch: (seek: Seek) => Promise<IdRow[]>;
  count: () => Promise<number>;
  load: (ids: string[]) => Promise<(T | Error | null)[]>;
}): Promise<Connection<T>> {
  const connection = await keysetConnection({
    args: options.args,
    codec: options.codec,
    scope: options.scope,
    fetch: options.fetch,
    keyOf: (row: IdRow) => [row.sortKey, row.id],
    edge: (row, cursor) => ({ cursor, node: row.id }),
    count: options.count,
  });
  const nodes = await options.load(connection.edges.map((edge) => edge.node));
  const edges = connection.edges.flatMap((edge, index) => {
    const node = nodes[index];
    return node && !(node instanceof Error) ? [{ cursor: edge.cursor, node }] : [];
  });
  return new Connection<T>(edges, connection.pageInfo, () => connection.totalCount);
}
