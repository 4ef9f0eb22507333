import 'reflect-metadata';
import { Kind, parse, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { buildApiSchema } from '../../src/app/schema';
import { operationLimits } from '../../src/graphql/limits';

jest.mock('graphql-query-complexity', () => {
  const actual = jest.requireActual<typeof import('graphql-query-complexity')>('graphql-query-complexity');
  return { ...actual, getComplexity: jest.fn(actual.getComplexity) };
});

/** The cost of a document is kept per set of the variables it depends on: what is kept must still follow them. */
describe('operationLimits with a kept cost', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildApiSchema();
  });

  const limits = { maxCharacters: 10_000, maxTokens: 1_000, maxFields: 100, maxDepth: 12, maxCost: 500, rootFieldCost: 10, maxMutations: 10, maxCostlyMutations: 3 };
  const operationOf = (document: DocumentNode) =>
    document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;

  it('costs anew when a page size or a directive variable changes, never when an id does, and still coerces every variable', () => {
    const check = operationLimits(schema, limits);
    const document = parse(`query Lookup($id: ID!, $first: Int = 100, $withProgrammes: Boolean!) {
      node(id: $id) { ... on Institution { id programmes(first: $first) @include(if: $withProgrammes) { edges { node { id title kind topics } } } } }
    }`);
    const run = (variables: Record<string, unknown>) => () => check({ document, operation: operationOf(document), operationName: 'Lookup', variables });
    const costings = jest.mocked(getComplexity);
    costings.mockClear();
    expect(run({ id: 'a', first: 10, withProgrammes: true })).not.toThrow();
    // Another id: the kept cost.
    expect(run({ id: 'z', first: 10, withProgrammes: true })).not.toThrow();
    expect(costings).toHaveBeenCalledTimes(1);
    expect(run({ id: 'a', first: 100, withProgrammes: true })).toThrow(/cost/i);
    expect(run({ id: 'b', first: 10, withProgrammes: true })).not.toThrow();
    // Left out, $first is 100; given as null, the default page size.
    expect(run({ id: 'b', withProgrammes: true })).toThrow(/cost/i);
    expect(run({ id: 'b', first: null, withProgrammes: true })).not.toThrow();
    expect(run({ id: 'c', first: 100, withProgrammes: false })).not.toThrow();
    // The kept cost of { first: 10 } does not let a variable of the wrong type through.
    expect(run({ id: { not: 'an id' }, first: 10, withProgrammes: true })).toThrow(/\$id/);
  });
});
