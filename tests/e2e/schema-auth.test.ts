import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { buildApiSchema } from '../../src/app/schema';
import { gid } from '../helpers/catalogue-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

/** The only mutations anyone may call without signing in. Add to it only on purpose. */
const PUBLIC_MUTATIONS = ['register', 'signIn', 'refreshSession', 'signOut'];

let api: TestApi;
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildApiSchema();
  api = await startTestApi();
});

afterAll(async () => {
  await api.close();
});

function mutationFields(): GraphQLField<unknown, unknown>[] {
  const mutation = schema.getMutationType();
  if (!mutation) throw new Error('the schema has no Mutation type');
  return Object.values(mutation.getFields());
}

/** A value of the right shape for an input type: required fields only, one item per list. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(required.map((field) => [field.name, sample(field.type)]));
  }
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return gid('Nothing', '00000000-0000-4000-8000-000000000000');
      case 'String':
        return 'x';
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2030-01-01T08:00:00.000Z';
      case 'Date':
        return '2030-01-01';
    }
  }
  throw new Error(`no sample value for ${String(type)}: teach sample() this type`);
}

/** A request calling one mutation with every required argument, selecting as little as possible. */
function probe(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '';
  return {
    query: `mutation Probe${declarations ? `(${declarations})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, sample(arg.type)])),
  };
}

function outcome(result: GraphQLResponse, field: string): string {
  if (!result.errors?.length) return 'answered';
  const codes = result.errors.map((error) => `${String(error.extensions?.code)} at ${JSON.stringify(error.path ?? null)}`);
  return codes.length === 1 && codes[0] === `UNAUTHENTICATED at ${JSON.stringify([field])}` && result.data === null ? 'UNAUTHENTICATED' : codes.join('; ');
}

describe('every mutation but the public ones requires sign-in', () => {
  it('walks the same schema the server serves', async () => {
    const result = await api.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields(includeDeprecated: true) { name } } } }');
    expect(result.data?.__schema.mutationType.fields.map((field) => field.name).sort()).toEqual(mutationFields().map((field) => field.name).sort());
  });

  it('has no stale name in the public allow-list', () => {
    const names = mutationFields().map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(PUBLIC_MUTATIONS));
  });

  it('finds the mutations it must protect (so the walk cannot pass by finding none)', () => {
    const protectedNames = mutationFields().map((field) => field.name).filter((name) => !PUBLIC_MUTATIONS.includes(name));
    expect(protectedNames).toEqual(
      expect.arrayContaining([
        'grantRole',
        'revokeRole',
        'createInstitution',
        'updateInstitution',
        'createProgramme',
        'updateProgramme',
        'publishProgramme',
        'cancelProgramme',
        'scheduleSessions',
        'updateSession',
        'cancelSession',
        'createHamlet',
        'updateAdministrativeUnit',
      ]),
    );
  });

  const SIGNED_OUT: [string, () => string | undefined][] = [
    ['without a token', () => undefined],
    // A stale token is refused before any field runs (401 UNAUTHENTICATED): tests/e2e/auth.test.ts.
  ];

  it.each(SIGNED_OUT)('answers UNAUTHENTICATED to every other mutation called %s', async (_how, token) => {
    const guarded = mutationFields().filter((field) => !PUBLIC_MUTATIONS.includes(field.name));
    const actual: Record<string, string> = {};
    for (const field of guarded) {
      const { query, variables } = probe(field);
      actual[field.name] = outcome(await api.gql(query, variables, { token: token() }), field.name);
    }
    expect(actual).toEqual(Object.fromEntries(guarded.map((field) => [field.name, 'UNAUTHENTICATED'])));
  });

  it('lets an anonymous caller reach each public mutation (its input is then judged in the payload)', async () => {
    const actual: Record<string, string> = {};
    for (const field of mutationFields().filter((f) => PUBLIC_MUTATIONS.includes(f.name))) {
      const { query, variables } = probe(field);
      actual[field.name] = outcome(await api.gql(query, variables), field.name);
    }
    expect(actual).toEqual(Object.fromEntries(PUBLIC_MUTATIONS.map((name) => [name, 'answered'])));
  });
});
