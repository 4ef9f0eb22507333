import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { BadInputError } from '../core/errors';
import { nodeTypeName } from './node-registry';
import type { CursorCodec, KeyValue } from './cursor';
import type { Seek } from '../infra/keyset';

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
  @Field({ description: 'True when items come after this page: `after: endCursor` returns more (paging forward), or the page was asked for with `before`.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items come before this page: `before: startCursor` returns more (paging backward), or the page was asked for with `after`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; pass it as `before` for the previous page.' })
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

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page, to page forward from it.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items from the end of the list (or just before \`before\`), ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}; in the list's order. Not with \`first\` or \`after\`.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'The `startCursor` of the next page, to page backward from it. Not with `first` or `after`.' })
  before?: string | null;
}

/** The number of rows to fetch; more than the maximum is an error, never a silent cut. */
export function pageSize(value: number | null | undefined, max = MAX_PAGE_SIZE, argumentName: 'first' | 'last' = 'first'): number {
  if (value === null || value === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new BadInputError(`${argumentName} must be from 0 to ${max}, got ${value}`, { argumentName });
  }
  return value;
}

function given(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/**
 * The page a connection's arguments ask for: `first`/`after` read forward, `last`/`before`
 * backward. Mixing the two is refused rather than guessed at, and a cursor must be one this
 * list issued.
 */
export function seekOf(args: PageArgs, codec: CursorCodec, scope: string): Seek {
  if (given(args.first) && given(args.last)) {
    throw new BadInputError('Pass first or last, not both: first pages forward, last pages backward', { argumentName: 'last' });
  }
  const backward = given(args.last) || given(args.before);
  if (backward && (given(args.first) || given(args.after))) {
    throw new BadInputError('Page forward with first and after, or backward with last and before, not a mix of them', {
      argumentName: given(args.before) ? 'before' : 'last',
    });
  }
  if (backward) {
    return { direction: 'backward', position: args.before ? codec.decode(args.before, scope) : null, limit: pageSize(args.last, MAX_PAGE_SIZE, 'last') };
  }
  return { direction: 'forward', position: args.after ? codec.decode(args.after, scope) : null, limit: pageSize(args.first) };
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

/**
 * Runs a keyset query for one page: asks for one row more than the page to know whether there
 * is a next page (a previous one, paging backward), and builds edges whose cursors are the rows'
 * signed sort keys. `fetch` returns the rows in the list's order either way.
 */
export async function keysetConnection<Row, T, E extends Edge<T> = Edge<T>>(options: {
  args: PageArgs;
  codec: CursorCodec;
  /** Names the list and its ordering, so a cursor is only accepted where it was issued. */
  scope: string;
  fetch: (seek: Seek) => Promise<Row[]>;
  keyOf: (row: Row) => KeyValue[];
  edge: (row: Row, cursor: string) => E;
  count: () => Promise<number>;
  /** The whole list's count a fetched row carries (see `selectsField(info, 'totalCount')`), or null: then `count` runs. */
  totalOf?: (row: Row) => number | null;
}): Promise<Connection<T, E>> {
  const seek = seekOf(options.args, options.codec, options.scope);
  const { limit } = seek;
  // Even for `first: 0` (or `last: 0`), one row tells whether there is more in that direction.
  const rows = await options.fetch({ ...seek, limit: limit + 1 });
  const more = rows.length > limit;
  const forward = seek.direction === 'forward';
  const page = forward ? rows.slice(0, limit) : rows.slice(Math.max(rows.length - limit, 0));
  const edges = page.map((row) => options.edge(row, options.codec.encode(options.scope, options.keyOf(row))));
  const fromCursor = seek.position !== null;
  const pageInfo: PageInfo = {
    hasNextPage: forward ? more : fromCursor,
    hasPreviousPage: forward ? fromCursor : more,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  const known = options.totalOf ? knownTotal(rows, fromCursor, options.totalOf) : null;
  return new Connection<T, E>(edges, pageInfo, known === null ? options.count : () => Promise.resolve(known));
}

/** The count the fetched rows carry; an empty page read from either end of the list tells its count too. */
function knownTotal<Row>(rows: Row[], fromCursor: boolean, totalOf: (row: Row) => number | null): number | null {
  const [first] = rows;
  if (first === undefined) return fromCursor ? null : 0;
  return totalOf(first);
}

/** Declares the GraphQL edge type of a node type. */
export function EdgeType<T extends object>(typeName: string, nodeType: ClassType<T>) {
  @ObjectType({ simpleResolvers: true })
  abstract class EdgeClass {
    @Field({ description: 'Opaque cursor of this item; pass it as `after` (or `before`) to continue forward (or backward) from here.' })
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
