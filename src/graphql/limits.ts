import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../core/config';
import { ApiError, ErrorCode } from '../core/errors';
import { requestMessage, type RequestMessage } from '../core/request-error-messages';
import { fragmentsOf } from './field-count';
import { assertCostlyMutationsExist, checkMutations } from './mutation-limits';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './relay';

/** The most items a page asks for, from the front (`first`) or from the back (`last`). */
function requestedPageSize(args: Record<string, unknown>): number {
  const sizes = [args.first, args.last].filter((value): value is number => typeof value === 'number');
  if (sizes.length === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(...sizes, 0), MAX_PAGE_SIZE);
}

/** A paged list field costs its children once per item it may return. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (!field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return undefined;
  return 1 + requestedPageSize(args) * childComplexity;
};

const FIELD_ESTIMATORS: ComplexityEstimator[] = [pageEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];

/** Costs a field as FIELD_ESTIMATORS do, but a root field (of a query, a mutation or a subscription) at least `floor`: 2,000 aliases of a cheap lookup add up. */
function rootFloorEstimator(schema: GraphQLSchema, floor: number): ComplexityEstimator {
  const roots = new Set<GraphQLCompositeType | null | undefined>([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  return (options) => {
    for (const estimator of FIELD_ESTIMATORS) {
      const cost = estimator(options);
      if (typeof cost === 'number') return roots.has(options.type) ? Math.max(cost, floor) : cost;
    }
    return undefined;
  };
}

/**
 * The deepest field nesting of an operation, following fragments. Introspection (`__schema`,
 * `__type`) is not counted: its nesting follows the schema's type references, its size is bounded
 * by the document and field limits, and the standard query of codegen and GraphiQL nests 15 deep.
 */
export function queryDepth(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  const depthOf = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
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
  return depthOf(operation.selectionSet, new Set());
}

/** The arguments pageEstimator reads; a field's own `complexity` function may read any of its arguments. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * The variables a document's cost can depend on: those given to `first`/`last`, to an argument of a field whose
 * `complexity` is a function, or to a directive (@skip, @include). Every other variable (an id, a search text) changes
 * what a request reads, never what it may cost.
 */
function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  let costed = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter(argument) {
          const field = typeInfo.getFieldDef();
          if (typeInfo.getDirective() || PAGE_ARGUMENTS.has(argument.name.value) || typeof field?.extensions.complexity === 'function') costed += 1;
        },
        leave() {
          if (costed > 0) costed -= 1;
        },
      },
      Variable(variable) {
        if (costed > 0) names.add(variable.name.value);
      },
    }),
  );
  return [...names].sort();
}

/** Costs kept per document, for as many sets of the variables it is costed by. */
const COSTS_PER_DOCUMENT = 64;

interface DocumentCosts {
  variables: string[];
  /** Cost by operation name and costed variables' values. */
  costs: Map<string, number>;
}

function refuse(message: string | RequestMessage, extra: Record<string, number>): ApiError {
  return new ApiError(ErrorCode.BadUserInput, message, extra);
}

/** Spends `units` more of the request's rate limit, or throws RATE_LIMITED; given the request to set its answer's headers. */
export type ChargeCostlyCalls<TContext extends BaseContext> = (request: GraphQLRequestContextDidResolveOperation<TContext>, units: number) => Promise<void>;

/** What the limits read of an operation: its document, which operation of it runs, and the variables. */
export interface LimitedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
}

/**
 * Checks operations, of any type, against the depth and cost limits and the limits of mutations, and says how many costly
 * calls one makes; throws BAD_USER_INPUT (or TOO_MANY_MUTATIONS) for one over them. The documents were bounded in size and
 * fields before they were parsed and validated. Used over HTTP (the plugin below) and over WebSocket (subscriptions).
 */
export function operationLimits(schema: GraphQLSchema, limits: QueryLimits): (operation: LimitedOperation) => number {
  assertCostlyMutationsExist(schema);
  const estimators = [rootFloorEstimator(schema, limits.rootFieldCost)];
  // Apollo keeps a parsed document per query text, so the same text costs once per set of the variables it is costed by.
  const documents = new WeakMap<DocumentNode, DocumentCosts>();
  const costOf = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null | undefined, variables: Record<string, unknown>): number => {
    let known = documents.get(document);
    if (!known) {
      known = { variables: costVariables(schema, document), costs: new Map() };
      documents.set(document, known);
    }
    // A variable left out (its default applies) and one given as null cost apart.
    const key = JSON.stringify([operationName ?? null, ...known.variables.map((name) => (name in variables ? [variables[name]] : []))]);
    const cost = known.costs.get(key);
    if (cost !== undefined) {
      // Costing coerces every variable first, which a kept cost must not skip.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      const errors = coerced.errors ?? [];
      if (errors.length) throw errors[errors.length - 1];
      return cost;
    }
    const computed = getComplexity({ schema, query: document, operationName: operationName ?? undefined, variables, estimators });
    if (known.costs.size >= COSTS_PER_DOCUMENT) known.costs.delete(known.costs.keys().next().value as string);
    known.costs.set(key, computed);
    return computed;
  };
  return ({ document, operation, operationName, variables }) => {
    const fragments = fragmentsOf(document);
    const depth = queryDepth(operation, fragments);
    if (depth > limits.maxDepth) {
      throw refuse(requestMessage('TOO_DEEP', { depth, maxDepth: limits.maxDepth }), { depth, maxDepth: limits.maxDepth });
    }
    const costlyCalls = checkMutations(operation, fragments, limits);
    let cost: number;
    try {
      cost = costOf(document, operation, operationName, variables);
    } catch (error) {
      // Costing coerces the variables first: a value that does not fit its type is the caller's error.
      if (error instanceof GraphQLError) throw refuse(error.message, {});
      throw error;
    }
    if (cost > limits.maxCost) {
      throw refuse(requestMessage('TOO_COSTLY', { cost, maxCost: limits.maxCost }), { cost, maxCost: limits.maxCost });
    }
    return costlyCalls;
  };
}

/**
 * Refuses, before execution, operations over the limits of `operationLimits`. A mutation with several costly calls then
 * spends one unit of the rate limit per call: the request paid for the first.
 */
export function queryLimitsPlugin<TContext extends BaseContext>(schema: GraphQLSchema, limits: QueryLimits, chargeCostlyCalls: ChargeCostlyCalls<TContext>): ApolloServerPlugin<TContext> {
  const check = operationLimits(schema, limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          const { document, operation, operationName } = request;
          // No operation by that name: execution says so.
          if (!operation) return;
          const costlyCalls = check({ document, operation, operationName, variables: request.request.variables ?? {} });
          if (costlyCalls > 1) await chargeCostlyCalls(request, costlyCalls - 1);
        },
      };
    },
  };
}
