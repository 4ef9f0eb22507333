import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import { MediaAsset, MediaStep } from '../../src/media/media-asset.entity';
import { MediaKind, MediaStatus, MediaStepName } from '../../src/media/media.enums';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import { Topic } from '../../src/catalogue/catalogue.enums';
import { ResourceKind } from '../../src/resources/resource.enums';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { makePdf, putUpload } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let institution: Institution;
let other: Institution;

const CALLERS = ['anonymous', 'citizen', 'staff of the institution', 'staff of another institution', 'province admin'] as const;
type Caller = (typeof CALLERS)[number];
/** A GraphQL error code, or CITIZEN_PROFILE_REQUIRED: refused in the payload because the account keeps no learning record. */
type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CITIZEN_PROFILE_REQUIRED';
const tokens = {} as Record<Caller, string | undefined>;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  const units = await seedUnits(admin);
  // The citizen keeps a learning record (a citizen profile); staff and admins do not.
  tokens.citizen = (await createCitizen(api, units.longAn)).token;
  institution = await createInstitution(admin, units.longAn, 'Thư viện A');
  other = await createInstitution(admin, units.tanAn, 'Thư viện B');
  tokens['staff of the institution'] = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  tokens['staff of another institution'] = (await api.account(Role.INSTITUTION_STAFF, { institutionId: other.id })).token;
  tokens['province admin'] = (await api.account(Role.PROVINCE_ADMIN)).token;
}, 60_000);

afterAll(async () => {
  await api.close();
});

function arranger(): RequestContext {
  return { ...admin, em: admin.em.fork() };
}

async function asset(status: MediaStatus): Promise<MediaAsset> {
  const em = arranger().em;
  const made = em.create(MediaAsset, { institution: institution.id, uploadedBy: admin.actor?.accountId as string, kind: MediaKind.IMAGE, status, originalKey: 'uploads/x', contentType: 'image/jpeg', filename: 'x.jpg', sizeBytes: 10 });
  em.create(MediaStep, { asset: made, name: MediaStepName.IMAGE_RENDITIONS, status, error: status === MediaStatus.FAILED ? 'broken' : null });
  await em.flush();
  return made;
}

async function resource(options: { publish: boolean; withAsset?: boolean }): Promise<string> {
  const ctx = arranger();
  const media = options.withAsset ? await asset(MediaStatus.READY) : null;
  const made = await ctx.services.resources.create(ctx, institution.id, {
    title: 'Tài nguyên',
    kind: media ? ResourceKind.IMAGE : ResourceKind.LINK,
    topics: [Topic.LAW],
    linkUrl: media ? null : 'https://hoctap.example.vn/a',
    assetId: media?.id ?? null,
  });
  if (options.publish) await ctx.services.resources.publish(ctx, made.id);
  return made.id;
}

const STAFF_ONLY: Record<Caller, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  citizen: 'FORBIDDEN',
  'staff of the institution': 'allowed',
  'staff of another institution': 'FORBIDDEN',
  'province admin': 'allowed',
};
const STAFF_ONLY_HIDDEN: Record<Caller, Outcome> = { ...STAFF_ONLY, 'staff of another institution': 'NOT_FOUND' };
const ADMIN_ONLY: Record<Caller, Outcome> = { ...STAFF_ONLY, 'staff of the institution': 'FORBIDDEN' };
const SIGNED_IN: Record<Caller, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  citizen: 'allowed',
  'staff of the institution': 'allowed',
  'staff of another institution': 'allowed',
  'province admin': 'allowed',
};

interface Scenario {
  mutation: string;
  input: string;
  selection: string;
  arrange: () => Promise<Record<string, unknown>>;
  expected: Record<Caller, Outcome>;
}

const SCENARIOS: Scenario[] = [
  {
    mutation: 'createUpload',
    input: 'CreateUploadInput',
    selection: 'upload { id } errors { code }',
    arrange: async () => ({ institutionId: gid('Institution', institution.id), filename: 'a.pdf', contentType: 'application/pdf', sizeBytes: 100 }),
    expected: STAFF_ONLY,
  },
  {
    mutation: 'completeUpload',
    input: 'CompleteUploadInput',
    selection: 'asset { id } errors { code }',
    arrange: async () => ({ uploadId: await putUpload(api, tokens['staff of the institution'] as string, gid('Institution', institution.id), makePdf('x'), { filename: 'a.pdf', contentType: 'application/pdf' }) }),
    expected: STAFF_ONLY_HIDDEN,
  },
  {
    mutation: 'retryProcessing',
    input: 'RetryProcessingInput',
    selection: 'asset { id } errors { code }',
    arrange: async () => ({ assetId: gid('MediaAsset', (await asset(MediaStatus.FAILED)).id) }),
    expected: STAFF_ONLY_HIDDEN,
  },
  {
    mutation: 'createLearningResource',
    input: 'CreateLearningResourceInput',
    selection: 'resource { id } errors { code }',
    arrange: async () => ({ institutionId: gid('Institution', institution.id), title: 'Luật giao thông', kind: 'LINK', topics: ['LAW'], linkUrl: 'https://example.vn' }),
    expected: STAFF_ONLY,
  },
  {
    mutation: 'updateLearningResource',
    input: 'UpdateLearningResourceInput',
    selection: 'resource { id } errors { code }',
    arrange: async () => ({ id: gid('LearningResource', await resource({ publish: false })), title: 'Tên mới' }),
    expected: STAFF_ONLY_HIDDEN,
  },
  {
    mutation: 'publishLearningResource',
    input: 'LearningResourceInput',
    selection: 'resource { id status } errors { code }',
    arrange: async () => ({ id: gid('LearningResource', await resource({ publish: false })) }),
    expected: STAFF_ONLY_HIDDEN,
  },
  {
    mutation: 'withdrawLearningResource',
    input: 'LearningResourceInput',
    selection: 'resource { id status } errors { code }',
    arrange: async () => ({ id: gid('LearningResource', await resource({ publish: true })) }),
    expected: STAFF_ONLY,
  },
  {
    mutation: 'recordResourceView',
    input: 'ResourceUseInput',
    selection: 'resource { viewCount } errors { code }',
    arrange: async () => ({ resourceId: gid('LearningResource', await resource({ publish: true })) }),
    expected: SIGNED_IN,
  },
  {
    mutation: 'recordStudy',
    input: 'RecordStudyInput',
    selection: 'log { id source } errors { code }',
    arrange: async () => ({ resourceId: gid('LearningResource', await resource({ publish: true })), minutes: 15 }),
    expected: {
      anonymous: 'UNAUTHENTICATED',
      citizen: 'allowed',
      'staff of the institution': 'CITIZEN_PROFILE_REQUIRED',
      'staff of another institution': 'CITIZEN_PROFILE_REQUIRED',
      'province admin': 'CITIZEN_PROFILE_REQUIRED',
    },
  },
  {
    mutation: 'downloadLearningResource',
    input: 'ResourceUseInput',
    selection: 'url errors { code }',
    arrange: async () => ({ resourceId: gid('LearningResource', await resource({ publish: true, withAsset: true })) }),
    expected: SIGNED_IN,
  },
  { mutation: 'pauseJobQueue', input: 'JobQueueInput', selection: 'queue { name paused } errors { code }', arrange: async () => ({ queue: 'MAINTENANCE' }), expected: ADMIN_ONLY },
  { mutation: 'resumeJobQueue', input: 'JobQueueInput', selection: 'queue { name paused } errors { code }', arrange: async () => ({ queue: 'MAINTENANCE' }), expected: ADMIN_ONLY },
  // No failed job exists: the administrator gets past the check and is told so.
  { mutation: 'retryFailedJob', input: 'RetryFailedJobInput', selection: 'queue { name } errors { code }', arrange: async () => ({ queue: 'MEDIA_IMAGE', jobId: 'none' }), expected: { ...ADMIN_ONLY, 'province admin': 'NOT_FOUND' } },
];

describe('access matrix of the resource and media mutations', () => {
  const cases = SCENARIOS.flatMap((scenario) => CALLERS.map((caller) => ({ mutation: scenario.mutation, caller, outcome: scenario.expected[caller], scenario })));

  it.each(cases)('$mutation by $caller: $outcome', async ({ caller, outcome, scenario }) => {
    const input = await scenario.arrange();
    const result = await api.gql(`mutation($input: ${scenario.input}!) { ${scenario.mutation}(input: $input) { ${scenario.selection} } }`, { input }, { token: tokens[caller] });
    if (outcome === 'allowed') {
      expect(result.errors).toBeUndefined();
      expect(result.data?.[scenario.mutation].errors).toEqual([]);
    } else if (outcome === 'CITIZEN_PROFILE_REQUIRED') {
      expect(result.data?.[scenario.mutation].errors).toEqual([{ code: outcome }]);
    } else {
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual([outcome]);
    }
  });
});

describe('visibility of unpublished resources and their media', () => {
  it('hides a draft and its media from the public, through node(id:), lists and nested fields, and shows them to the institution', async () => {
    const media = await asset(MediaStatus.READY);
    const ctx = arranger();
    const draft = await ctx.services.resources.create(ctx, institution.id, { title: 'Bản nháp bí mật', kind: ResourceKind.IMAGE, topics: [Topic.LAW], assetId: media.id });
    const ids = { resource: gid('LearningResource', draft.id), asset: gid('MediaAsset', media.id) };
    const query = `query($r: ID!, $a: ID!) { r: node(id: $r) { id } a: node(id: $a) { id } learningResources(filter: { statuses: [DRAFT, PUBLISHED], search: "bi mat" }) { totalCount edges { node { id mediaAsset { id } } } } }`;
    for (const caller of ['anonymous', 'citizen', 'staff of another institution'] as const) {
      const result = await api.gql(query, { r: ids.resource, a: ids.asset }, { token: tokens[caller] });
      expect(result.data).toEqual({ r: null, a: null, learningResources: { totalCount: 0, edges: [] } });
    }
    const own = await api.gql(query, { r: ids.resource, a: ids.asset }, { token: tokens['staff of the institution'] });
    expect(own.data).toEqual({ r: { id: ids.resource }, a: { id: ids.asset }, learningResources: { totalCount: 1, edges: [{ node: { id: ids.resource, mediaAsset: { id: ids.asset } } }] } });

    await ctx.services.resources.publish(ctx, draft.id);
    const published = await api.gql(query, { r: ids.resource, a: ids.asset });
    expect(published.data?.a).toEqual({ id: ids.asset });
  });

  it('lets only province administrators read the job queues', async () => {
    const query = '{ jobQueues { name paused counts { waiting active failed completed } failedJobs(first: 5) { id failedReason } } }';
    const result = await api.gql(query, {}, { token: tokens['province admin'] });
    expect(result.data?.jobQueues.map((queue: { name: string }) => queue.name)).toEqual(['MAINTENANCE', 'MEDIA_IMAGE', 'MEDIA_VIDEO', 'MEDIA_DOCUMENT', 'TITLES', 'WEBHOOKS', 'REPORTS']);
    expect((await api.gql(query, {}, { token: tokens['staff of the institution'] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
