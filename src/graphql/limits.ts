import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ApiError, ErrorCode } from '../core/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './relay';

/** A list field with `first` costs its children once per item it may return. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  return 1 + first * childComplexity;
};

/** The deepest field nesting of an operation, following fragments. */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depthOf = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, fragment.name.value])));
        }
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && definition.name?.value !== operationName) continue;
    deepest = Math.max(deepest, depthOf(definition.selectionSet, new Set()));
  }
  return deepest;
}

function refuse(message: string, extra: Record<string, number>): ApiError {
  // Apollo answers a plugin error with 500 unless it carries its own HTTP status.
  return new ApiError(ErrorCode.BadUserInput, message, { ...extra, http: { status: 400 } });
}

/** Refuses, before execution, operations nested deeper than `maxDepth` or costing more than `maxCost`. */
export function queryLimitsPlugin(schema: GraphQLSchema, maxDepth: number, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          const depth = queryDepth(document, operationName);
          if (depth > maxDepth) {
            throw refuse(`The query is nested ${depth} levels deep; the limit is ${maxDepth}`, { depth, maxDepth });
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pageEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Costing coerces the variables first: a value that does not fit its type is the caller's error.
            if (error instanceof GraphQLError) throw refuse(error.message, {});
            throw error;
          }
          if (cost > maxCost) {
            throw refuse(`The query costs ${cost}; the budget is ${maxCost}. Ask for fewer items or fewer nested lists`, { cost, maxCost });
          }
        },
      };
    },
  };
}
