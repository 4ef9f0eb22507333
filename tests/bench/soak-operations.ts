import { randomUUID } from 'node:crypto';

/**
 * The mix of operations `npm run soak` sends: what the public, a citizen and a library's staff do
 * on the demo data, weighted by how often each happens.
 */

export type Actor = 'public' | 'citizen' | 'staff';

/** What the operations need to know of the demo data. */
export interface SoakContext {
  year: number;
  institutionId: string;
  resourceIds: string[];
}

export interface SoakOperation {
  name: string;
  actor: Actor;
  weight: number;
  query: string;
  variables(context: SoakContext, pick: (count: number) => number): Record<string, unknown>;
}

export const SOAK_OPERATIONS: SoakOperation[] = [
  {
    name: 'public: what is on',
    actor: 'public',
    weight: 4,
    query: `query { programmes(first: 5) { totalCount edges { node { id title kindLabel topicLabels institution { name address } } } }
      learningResources(first: 5) { edges { node { title kindLabel licenceLabel durationSeconds pages } } } }`,
    variables: () => ({}),
  },
  {
    name: 'public: institutions nearby',
    actor: 'public',
    weight: 3,
    query: `query($lat: Float!, $lon: Float!) { institutions(first: 5, filter: { near: { latitude: $lat, longitude: $lon, radiusKm: 10 } }) {
      totalCount edges { distanceKm node { id name kindLabel upcomingSessions(first: 3) { startsAt place programme { title } } } } } }`,
    variables: (_context, pick) => ({ lat: 10.5 + pick(100) / 1000, lon: 106.35 + pick(100) / 1000 }),
  },
  {
    name: 'public: programmes by topic',
    actor: 'public',
    weight: 2,
    query: `query($search: String) { programmes(first: 10, filter: { topics: [DIGITAL_SKILLS], search: $search }) {
      totalCount edges { node { id title formatLabel feeVnd institution { name } } } } }`,
    variables: (_context, pick) => ({ search: ['ky nang so', 'tin hoc', null][pick(3)] }),
  },
  {
    name: 'public: unit by code',
    actor: 'public',
    weight: 1,
    query: `query { administrativeUnit(code: "27694") { id name levelLabel ancestors { code name } children { code name levelLabel } } }`,
    variables: () => ({}),
  },
  {
    name: 'citizen: my year',
    actor: 'citizen',
    weight: 3,
    query: `query($year: Int!) { me { displayName roles { roleLabel } }
      myLearning(year: $year) { verifiedHours pendingHours byTopic { topic verifiedHours } logs(first: 10) { totalCount edges { node { id hours status } } } }
      myCitizenProfile { fullName titleProgress(year: $year) { titleKindLabel statusLabel total threshold missing } } }`,
    variables: (context) => ({ year: context.year }),
  },
  {
    name: 'citizen: record study',
    actor: 'citizen',
    weight: 1,
    query: `mutation($input: RecordStudyInput!) { recordStudy(input: $input) { log { id hours status } errors { code } } }`,
    variables: (context, pick) => ({
      input: { resourceId: context.resourceIds[pick(context.resourceIds.length)], minutes: 1 + pick(10), idempotencyKey: randomUUID() },
    }),
  },
  {
    name: 'staff: institution',
    actor: 'staff',
    weight: 2,
    query: `query($id: ID!) { me { displayName } node(id: $id) { ... on Institution { name
      programmes(first: 10, statuses: [DRAFT, PUBLISHED]) { totalCount edges { node { id title status sessions(first: 5) { edges { node { id startsAt seatsLeft } } } } } }
      staff { role account { displayName } } } } }`,
    variables: (context) => ({ id: context.institutionId }),
  },
  {
    name: 'staff: verification queue',
    actor: 'staff',
    weight: 1,
    query: `query($id: ID!) { institutionVerificationQueue(institutionId: $id, first: 20) { totalCount edges { node { id hours activityTitle } } } }`,
    variables: (context) => ({ id: context.institutionId }),
  },
];

/** Draws operations by weight from a seeded generator, so two runs send the same sequence. */
export function operationPicker(seed: number): { next(): SoakOperation; pick(count: number): number } {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    // xorshift32: small, fast and the same on every machine.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const total = SOAK_OPERATIONS.reduce((sum, operation) => sum + operation.weight, 0);
  return {
    next() {
      let draw = random() * total;
      for (const operation of SOAK_OPERATIONS) {
        draw -= operation.weight;
        if (draw < 0) return operation;
      }
      return SOAK_OPERATIONS[SOAK_OPERATIONS.length - 1] as SoakOperation;
    },
    pick: (count) => Math.floor(random() * count),
  };
}
