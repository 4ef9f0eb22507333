import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { BadInputError } from '../core/errors';
import { nodeTypeName } from './node-registry';
import type { CursorCodec, KeyValue } from './cursor';

@InterfaceType({
  description: 'An object with an opaque global id, fetchable with `node(id:)`.',
  resolveType: (value: object) => nodeTypeName(value),
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id; pass it to `node(id:)` or to mutations as is.' })
  id!: string;
}

@ObjectType({ description: 'Where a page of a connection stands in the whole list.', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'True when `after: endCursor` returns more items.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was asked for with `after`, so items come before it.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items, ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

/** The number of rows to fetch; more than the maximum is an error, never a silent cut. */
export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new BadInputError(`first must be from 0 to ${max}, got ${first}`, { argumentName: 'first' });
  }
  return first;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a connection field returns; `totalCount` runs its query only when a client selects it. */
export class Connection<T, E extends Edge<T> = Edge<T>> {
  constructor(
    readonly edges: E[],
    readonly pageInfo: PageInfo,
    private readonly countAll: () => Promise<number>,
  ) {}

  get totalCount(): Promise<number> {
    return this.countAll();
  }
}

export interface KeysetRequest {
  limit: number;
  /** Sort-key values of the last row already seen, or null for the first page. */
  after: KeyValue[] | null;
}

/**
 * Runs a keyset query for one page: asks for one row more than the page to know whether there
 * is a next page, and builds edges whose cursors are the rows' signed sort keys.
 */
export async function keysetConnection<Row, T, E extends Edge<T> = Edge<T>>(options: {
  args: PageArgs;
  codec: CursorCodec;
  /** Names the list and its ordering, so a cursor is only accepted where it was issued. */
  scope: string;
  fetch: (request: KeysetRequest) => Promise<Row[]>;
  keyOf: (row: Row) => KeyValue[];
  edge: (row: Row, cursor: string) => E;
  count: () => Promise<number>;
}): Promise<Connection<T, E>> {
  const limit = pageSize(options.args.first);
  const after = options.args.after ? options.codec.decode(options.args.after, options.scope) : null;
  // Even for `first: 0`, one row tells whether there is a next page.
  const rows = await options.fetch({ limit: limit + 1, after });
  const page = rows.slice(0, limit);
  const edges = page.map((row) => options.edge(row, options.codec.encode(options.scope, options.keyOf(row))));
  const pageInfo: PageInfo = {
    hasNextPage: rows.length > limit,
    hasPreviousPage: after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  return new Connection<T, E>(edges, pageInfo, options.count);
}

/** Declares the GraphQL edge type of a node type. */
export function EdgeType<T extends object>(typeName: string, nodeType: ClassType<T>) {
  @ObjectType({ simpleResolvers: true })
  abstract class EdgeClass {
    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue from here.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${typeName}.` })
    node!: T;
  }
  return EdgeClass;
}

/** Declares the GraphQL connection type of an edge type. */
export function ConnectionType<E extends object>(typeName: string, edgeType: ClassType<E>) {
  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionClass {
    @Field(() => [edgeType], { description: `The ${typeName} items of this page, in order.` })
    edges!: E[];

    @Field(() => PageInfo, { description: 'Whether there are more pages, and the cursors to get them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has, across all pages.', complexity: 5 })
    totalCount!: number;
  }
  return ConnectionClass;
}
