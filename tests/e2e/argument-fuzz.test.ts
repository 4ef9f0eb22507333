import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { Role } from '../../src/core/roles';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

/**
 * Every argument of every query and mutation, and every field of their input objects, is sent a few hostile values of the
 * right shape, as an anonymous caller, as a province administrator and as a citizen with a profile: none may answer INTERNAL_SERVER_ERROR. The values
 * are drawn with a fixed seed, so a run is the same every time.
 */

const SEED = 20261206;
const VALUES_PER_SLOT = { anonymous: 1, admin: 2, citizen: 1 };
const PARALLEL = 6;
const MAX_INPUT_DEPTH = 3;
const NONE = '00000000-0000-4000-8000-000000000000';

let api: TestApi;
let schema: GraphQLSchema;
let adminToken: string;
let citizenToken: string;
/** Global ids of real rows, so that probes get past the lookups to the rules behind them. */
const ids = { unit: '', institution: '', programme: '', session: '', citizen: '' };

beforeAll(async () => {
  api = await startTestApi();
  const ctx = await api.adminContext();
  const units = await seedUnits(ctx);
  const institution = await createInstitution(ctx, units.longAn, 'Thư viện thử');
  const programme = await createProgramme(ctx, institution, 'Kỹ năng số');
  const session = await scheduleSession(ctx, programme, daysFromNow(3));
  const { citizen } = await createCitizen(api, units.longAn, { withAccount: false });
  citizenToken = (await createCitizen(api, units.longAn)).token as string;
  Object.assign(ids, {
    unit: gid('AdministrativeUnit', units.longAn.id),
    institution: gid('Institution', institution.id),
    programme: gid('Programme', programme.id),
    session: gid('ProgrammeSession', session.id),
    citizen: gid('Citizen', citizen.id),
  });
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  // The standard introspection query nests 15 levels; the API allows 12. Types here are at most [X!]! deep.
  const introspection = await api.gql<IntrospectionQuery>(getIntrospectionQuery({ typeDepth: 4 }));
  schema = buildClientSchema(introspection.data as IntrospectionQuery);
});

afterAll(async () => {
  await api.close();
});

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid-looking id for an argument or field of that name: real ones where the name says what it is. */
function sampleId(name: string): string {
  if (/unit|residence|within/i.test(name)) return ids.unit;
  if (/institution/i.test(name)) return ids.institution;
  if (/programme/i.test(name)) return ids.programme;
  if (/session/i.test(name)) return ids.session;
  if (/citizen|subject|member|head|representative/i.test(name)) return ids.citizen;
  return gid('Citizen', NONE);
}

function sampleLeaf(type: GraphQLNamedInputType, name: string): unknown {
  if (isEnumType(type)) return type.getValues()[0]?.name;
  switch (type.name) {
    case 'ID':
      return sampleId(name);
    case 'Int':
      return name === 'year' ? 2025 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2030-01-01T08:00:00.000Z';
    case 'Date':
      return '2030-01-01';
    case 'JSON':
    case 'JSONObject':
      return {};
    default:
      return 'x';
  }
}

/** A value of the right shape: required fields only, one item per list. */
function sample(type: GraphQLInputType, name: string, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name, depth);
  if (isListType(type)) return [sample(type.ofType, name, depth)];
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(required.map((field) => [field.name, sample(field.type, field.name, depth + 1)]));
  }
  return sampleLeaf(type, name);
}

const LONG = 'Học tập suốt đời '.repeat(1200);

/** What a careless or hostile client may put where a value of this type is expected. */
function hostileValues(type: GraphQLNamedInputType, name: string): unknown[] {
  if (isEnumType(type)) return [type.getValues().at(-1)?.name];
  switch (type.name) {
    case 'ID':
      return ['', 'x', 'a\u0000b', gid('Nothing', NONE), gid('Citizen', NONE), Buffer.from('Citizen:not-a-uuid').toString('base64url'), ...Object.values(ids), LONG];
    case 'Int':
      return [0, -1, 2 ** 31 - 1, -(2 ** 31), 100000];
    case 'Float':
      return [0, -1, -0.0001, 1e308, -1e308, 1e-300];
    case 'Boolean':
      return [true, false];
    case 'DateTime':
      return ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2030-01-01T08:00:00.000Z'];
    case 'Date':
      return ['0001-01-01', '9999-12-31', '1970-01-01'];
    case 'JSON':
    case 'JSONObject':
      return [{}, { a: 'a\u0000b' }, { code: LONG }, { nested: { deep: [1, 'x', null] } }, { ['__proto__']: { x: 1 } }];
    default:
      return ['', 'a\u0000b', '\ud800@x.vn', LONG, 'PROVINCE_ADMIN', 'null', "'; drop table account; --", '%_\\', '😀', '-1', '9'.repeat(40), name === 'login' ? 'a@b.c' : 'Ấp 1'];
  }
}

interface Slot {
  /** From the argument: ["input", "name"]. */
  path: string[];
  type: GraphQLNamedInputType;
  /** The list's item type when the slot is a list: it is then also sent empty and very long. */
  listOf: GraphQLInputType | null;
}

/** Every argument and input field under a root field, to MAX_INPUT_DEPTH, once per input type along a path. */
function slotsOf(field: GraphQLField<unknown, unknown>): Slot[] {
  const slots: Slot[] = [];
  const walk = (type: GraphQLInputType, path: string[], seen: Set<string>): void => {
    const named = getNamedType(type);
    const nullable = isNonNullType(type) ? type.ofType : type;
    const listOf = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : null;
    if (listOf) slots.push({ path, type: named, listOf });
    if (!isInputObjectType(named)) {
      slots.push({ path, type: named, listOf: null });
      return;
    }
    if (seen.has(named.name) || path.length > MAX_INPUT_DEPTH) return;
    for (const child of Object.values(named.getFields())) walk(child.type, [...path, child.name], new Set([...seen, named.name]));
  };
  for (const arg of field.args) walk(arg.type, [arg.name], new Set());
  return slots;
}

/** The value of `type` with the field at `path` set to `value` (lists along the path hold one item). */
function withValue(type: GraphQLInputType, path: string[], value: unknown, name: string): unknown {
  if (!path.length) return value;
  if (isNonNullType(type)) return withValue(type.ofType, path, value, name);
  if (isListType(type)) return [withValue(type.ofType, path, value, name)];
  if (!isInputObjectType(type)) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const child = type.getFields()[head];
  return { ...(sample(type, name) as Record<string, unknown>), [head]: child ? withValue(child.type, rest, value, head) : value };
}

interface Probe {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

function probesOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, perSlot: number, next: () => number): Probe[] {
  const declarations = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '';
  const query = `${kind} Fuzz${declarations ? `(${declarations})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
  const base = Object.fromEntries(field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, sample(arg.type, arg.name)]));
  const probes: Probe[] = [{ label: `${field.name}()`, query, variables: base }];
  for (const slot of slotsOf(field)) {
    const [argName, ...rest] = slot.path as [string, ...string[]];
    const arg = field.args.find((candidate) => candidate.name === argName);
    if (!arg) continue;
    const name = slot.path.at(-1) as string;
    const values = slot.listOf ? [[], Array.from({ length: 200 }, () => sample(slot.listOf as GraphQLInputType, name))] : hostileValues(slot.type, name);
    for (let i = 0; i < Math.min(perSlot, values.length); i += 1) {
      const value = values.splice(Math.floor(next() * values.length), 1)[0];
      probes.push({
        label: `${field.name}(${slot.path.join('.')}: ${JSON.stringify(value)?.slice(0, 40)})`,
        query,
        variables: { ...base, [argName]: withValue(arg.type, rest, value, argName) },
      });
    }
  }
  return probes;
}

function probesFor(perSlot: number, seed: number): Probe[] {
  const next = random(seed);
  const roots: ['query' | 'mutation', GraphQLField<unknown, unknown>][] = [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ['query', field] as ['query', GraphQLField<unknown, unknown>]),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ['mutation', field] as ['mutation', GraphQLField<unknown, unknown>]),
  ];
  return roots.flatMap(([kind, field]) => probesOf(kind, field, perSlot, next));
}

/** The probes that got INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE or a 5xx, with the error, run PARALLEL at a time. */
async function internalErrors(probes: Probe[], token?: string): Promise<string[]> {
  const found: string[] = [];
  let index = 0;
  const worker = async (): Promise<void> => {
    while (index < probes.length) {
      const probe = probes[index] as Probe;
      index += 1;
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: probe.query, variables: probe.variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      // The database is up: SERVICE_UNAVAILABLE would be a bad input mistaken for an outage (NUL broke the connection).
      const internal = body.errors?.find((error) => ['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE'].includes(error.extensions?.code as string));
      if (internal || response.status >= 500) found.push(`${probe.label}: ${response.status} ${internal?.message ?? JSON.stringify(body.errors?.[0] ?? null)}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return found.sort();
}

it('answers no hostile argument with an internal error, anonymous, as a province administrator or as a citizen with a profile', async () => {
  const anonymous = await internalErrors(probesFor(VALUES_PER_SLOT.anonymous, SEED));
  const admin = await internalErrors(probesFor(VALUES_PER_SLOT.admin, SEED + 1), adminToken);
  const citizen = await internalErrors(probesFor(VALUES_PER_SLOT.citizen, SEED + 2), citizenToken);
  expect({ anonymous, admin, citizen }).toEqual({ anonymous: [], admin: [], citizen: [] });
}, 120_000);
