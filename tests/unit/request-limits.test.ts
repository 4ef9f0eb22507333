import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { ApiError } from '../../src/core/errors';
import { documentSizeRefusal } from '../../src/graphql/document-size';
import { expandedFieldCount, fragmentsOf } from '../../src/graphql/field-count';
import { checkMutations } from '../../src/graphql/mutation-limits';

describe('expandedFieldCount', () => {
  it.each([
    ['{ me { id displayName } }', 3],
    ['{ me { ...A ...A } again: me { ...A } } fragment A on Account { id displayName }', 8],
    ['{ node(id: "x") { ... on Account { id } ... on Institution { id name } } }', 4],
    // Each fragment's size is computed once: 2^60 fields are counted in a few dozen steps.
    [`{ me { ...F0 } } ${Array.from({ length: 59 }, (_, n) => `fragment F${n} on Account { ...F${n + 1} ...F${n + 1} }`).join(' ')} fragment F59 on Account { id }`, 1 + 2 ** 59],
    // Cycles are validation's to refuse; counting them ends.
    ['{ me { ...A } } fragment A on Account { id ...B } fragment B on Account { id ...A }', 3],
    ['{ me { ...Missing } }', 1],
  ])('counts %s as %d fields', (query, fields) => {
    expect(expandedFieldCount(parse(query))).toBe(fields);
  });
});

describe('documentSizeRefusal', () => {
  const limits = { maxCharacters: 100, maxTokens: 10 };

  it('refuses a text over the characters or the tokens, and lets the rest through', () => {
    expect(documentSizeRefusal(`{ me { id } } #${'x'.repeat(90)}`, limits)?.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', characters: 105, maxCharacters: 100 });
    expect(documentSizeRefusal('{ me { id id id id id id } }', limits)?.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', maxTokens: 10 });
    // Ten tokens exactly, and a comment, which is no token.
    expect(documentSizeRefusal('{ me { id id id id id } } # a comment', limits)).toBeNull();
    // A text that does not lex is the parser's to report, with its position.
    expect(documentSizeRefusal('{ me { id ] }', limits)).toBeNull();
  });
});

describe('checkMutations', () => {
  const limits = { maxMutations: 4, maxCostlyMutations: 2 };
  const check = (query: string) => {
    const document = parse(query);
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    return () => checkMutations(operation as OperationDefinitionNode, fragmentsOf(document), limits);
  };
  const refusal = (query: string) => {
    try {
      check(query)();
    } catch (error) {
      return error instanceof ApiError ? error.extensions : error;
    }
    return null;
  };

  it('counts the costly calls of a mutation, in fragments too, and none of a query', () => {
    expect(check('mutation { signOut { done } ...M __typename } fragment M on Mutation { importCitizens { done } ... on Mutation { register { done } } }')()).toBe(2);
    expect(check('{ a: me { id } b: me { id } c: me { id } d: me { id } e: me { id } }')()).toBe(0);
    // Consolidating a round moves a list of nominations at once.
    expect(check('mutation { a: consolidateNominations { errors { code } } b: signOut { done } }')()).toBe(1);
  });

  it('refuses too many mutations, too many costly ones, and a second sign-in', () => {
    expect(refusal('mutation { a: signOut { done } b: signOut { done } ...M } fragment M on Mutation { c: signOut { done } d: signOut { done } e: signOut { done } }')).toMatchObject({
      code: 'TOO_MANY_MUTATIONS',
      mutations: 5,
      maxMutations: 4,
    });
    expect(refusal('mutation { a: register { done } b: importCitizens { done } c: createUpload { done } }')).toMatchObject({ costlyMutations: 3, maxCostlyMutations: 2 });
    expect(refusal('mutation { a: signIn { done } b: signIn { done } }')).toMatchObject({ signIns: 2, maxSignIns: 1 });
  });
});
