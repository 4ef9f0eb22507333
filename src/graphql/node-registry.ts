import type { RequestContext } from '../core/context';

/** Loads the nodes of one type by id, returning null for each one missing or not visible to the actor. */
export type NodeFetcher = (ctx: RequestContext, ids: string[]) => Promise<(object | null)[]>;

interface NodeType {
  typeName: string;
  fetch: NodeFetcher;
}

const byTypeName = new Map<string, NodeType>();
const byEntity = new Map<Function, string>();

/** Makes an entity fetchable by `node(id:)` under a GraphQL type name. */
export function registerNode(typeName: string, entity: Function, fetch: NodeFetcher): void {
  byTypeName.set(typeName, { typeName, fetch });
  byEntity.set(entity, typeName);
}

export function nodeFetcher(typeName: string): NodeFetcher | undefined {
  return byTypeName.get(typeName)?.fetch;
}

/** The GraphQL type of an entity instance, for `Node` resolution and global ids. */
export function nodeTypeName(value: object): string {
  const typeName = byEntity.get(value.constructor);
  if (!typeName) throw new Error(`${value.constructor.name} is not registered as a node`);
  return typeName;
}
