import { createHash } from 'node:crypto';
import { Role } from '../../src/core/roles';
import { idOf, toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { emulationWorld, type EmulationWorld } from '../helpers/emulation-fixtures';
import { COMPLETE_EVIDENCE_UPLOAD, CREATE_EVIDENCE_UPLOAD, makeJpeg, makePdf, putEvidence } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertCitizen } from '../helpers/titles-fixtures';

let api: TestApi;
let world: EmulationWorld;
let hoa: { token: string; citizenId: string };
let minh: { token: string; citizenId: string };
let pdf: Buffer;

const SUBMIT = `mutation($input: SubmitLearningLogInput!) { submitLearningLog(input: $input) { log { id status evidenceUrl } errors { field code message } } }`;
const RECORD = `mutation($input: RecordContributionInput!) { recordContribution(input: $input) { contribution { id evidenceKeys } errors { field code message } } }`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const daysAgo = (days: number) => todayInVietnam(new Date(Date.now() - days * 86_400_000));

function selfDeclared(evidenceKey: string) {
  return { input: { activityTitle: 'Lớp tin học văn phòng', occurredOn: daysAgo(2), hours: 1, topics: ['DIGITAL_SKILLS'], result: 'COMPLETED', evidenceKey } };
}

function contribution(evidenceKeys: string[]) {
  return {
    input: {
      contributorKind: 'CITIZEN',
      contributorId: toGlobalId('Citizen', hoa.citizenId),
      kind: 'MONEY',
      valueVnd: 1_000_000,
      contributedOn: daysAgo(10),
      recipientKind: 'UNIT',
      recipientId: toGlobalId('AdministrativeUnit', world.commune.id),
      description: 'Ủng hộ quỹ khuyến học',
      evidenceKeys,
    },
  };
}

async function person(): Promise<{ token: string; citizenId: string }> {
  const account = await api.account(Role.CITIZEN);
  return { token: account.token, citizenId: await insertCitizen(api.runtime.orm.em.fork(), world.hamlet, 1980, account.id) };
}

/** The object key of an upload, as the database holds it (a client learns it only on completion). */
async function keyOf(uploadId: string): Promise<string> {
  const [row] = await api.runtime.orm.em.fork().execute<{ key: string }[]>('select key from media_upload where id = ?', [idOf('Upload', uploadId)]);
  return row?.key as string;
}

async function complete(uploadId: string, token: string) {
  return api.gql(COMPLETE_EVIDENCE_UPLOAD, { input: { uploadId } }, { token });
}

/** The user error codes of a mutation's payload. */
function codes(result: { data?: Record<string, any> }, field: string): string[] {
  return (result.data?.[field]?.errors ?? []).map((error: { code: string }) => error.code);
}

beforeAll(async () => {
  api = await startTestApi();
  world = await emulationWorld(api);
  hoa = await person();
  minh = await person();
  pdf = makePdf('Chung chi tin hoc');
});

afterAll(async () => {
  await api.close();
});

describe('evidence through the upload flow', () => {
  it('takes a declared file, checks what arrived, and lets its owner reference it from a learning log', async () => {
    const uploadId = await putEvidence(api, hoa.token, pdf, { contentType: 'application/pdf', filename: 'C:\\tai lieu\\chung-chi.pdf' });
    const completed = await complete(uploadId, hoa.token);
    const evidence = completed.data?.completeEvidenceUpload.evidence;
    expect(completed.data?.completeEvidenceUpload.errors).toEqual([]);
    expect(evidence).toEqual({ key: expect.stringMatching(/^evidence\/files\//), filename: 'chung-chi.pdf', contentType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256(pdf) });
    // Completing again changes nothing and answers the same.
    expect((await complete(uploadId, hoa.token)).data?.completeEvidenceUpload.evidence).toEqual(evidence);

    const submitted = await api.gql(SUBMIT, selfDeclared(evidence.key), { token: hoa.token });
    expect(submitted.data?.submitLearningLog.errors).toEqual([]);
    const download = await fetch(submitted.data?.submitLearningLog.log.evidenceUrl);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('refuses a declared type that is not a document or an image, before any URL is signed', async () => {
    const created = await api.gql(CREATE_EVIDENCE_UPLOAD, { input: { filename: 'setup.exe', contentType: 'application/x-msdownload', sizeBytes: 1000 } }, { token: hoa.token });
    expect(created.data?.createEvidenceFileUpload).toMatchObject({ upload: null, errors: [{ field: ['input', 'contentType'], code: 'UNSUPPORTED_TYPE' }] });
    const video = await api.gql(CREATE_EVIDENCE_UPLOAD, { input: { filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: 1000 } }, { token: hoa.token });
    expect(codes(video, 'createEvidenceFileUpload')).toEqual(['UNSUPPORTED_TYPE']);
  });

  it('refuses a file whose first bytes are of another type than declared, and one that is unreadable', async () => {
    const pdfAsJpeg = await putEvidence(api, hoa.token, pdf, { contentType: 'image/jpeg', filename: 'anh.jpg' });
    const mismatch = await complete(pdfAsJpeg, hoa.token);
    expect(mismatch.data?.completeEvidenceUpload).toMatchObject({ evidence: null, errors: [{ code: 'FILE_TYPE_MISMATCH', message: expect.stringContaining('application/pdf') }] });
    const noise = await putEvidence(api, hoa.token, Buffer.from('just some text, not a PDF at all'), { contentType: 'application/pdf', filename: 'x.pdf' });
    expect(codes(await complete(noise, hoa.token), 'completeEvidenceUpload')).toEqual(['UNRECOGNISED_FILE']);
  });

  it('refuses a program sent under the name and type of a document or an image', async () => {
    const windows = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);
    const exe = await putEvidence(api, hoa.token, windows, { contentType: 'application/pdf', filename: 'chung-chi.pdf' });
    expect((await complete(exe, hoa.token)).data?.completeEvidenceUpload.errors).toMatchObject([{ code: 'FILE_TYPE_MISMATCH', message: expect.stringContaining('application/x-msdownload') }]);
    const linux = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200, 1)]);
    const elf = await putEvidence(api, hoa.token, linux, { contentType: 'image/png', filename: 'anh.png' });
    expect((await complete(elf, hoa.token)).data?.completeEvidenceUpload.errors).toMatchObject([{ code: 'FILE_TYPE_MISMATCH', message: expect.stringContaining('application/x-executable') }]);
  });

  it('refuses a file of another size than declared, or with another checksum', async () => {
    const cut = await putEvidence(api, hoa.token, pdf, { contentType: 'application/pdf', filename: 'cut.pdf', declaredSize: pdf.length + 10 });
    expect(codes(await complete(cut, hoa.token), 'completeEvidenceUpload')).toEqual(['SIZE_MISMATCH']);
    const damaged = await putEvidence(api, hoa.token, pdf, { contentType: 'application/pdf', filename: 'damaged.pdf', sha256: sha256(Buffer.from('other')) });
    expect(codes(await complete(damaged, hoa.token), 'completeEvidenceUpload')).toEqual(['CHECKSUM_MISMATCH']);
    const created = await api.gql(CREATE_EVIDENCE_UPLOAD, { input: { filename: 'never.pdf', contentType: 'application/pdf', sizeBytes: 100 } }, { token: hoa.token });
    expect(codes(await complete(created.data?.createEvidenceFileUpload.upload.id, hoa.token), 'completeEvidenceUpload')).toEqual(['UPLOAD_MISSING']);
  });

  it('refuses a record that references an upload not completed, or a key of no upload', async () => {
    const pending = await putEvidence(api, hoa.token, pdf, { contentType: 'application/pdf', filename: 'cho.pdf' });
    const key = await keyOf(pending);
    const log = await api.gql(SUBMIT, selfDeclared(key), { token: hoa.token });
    expect(log.data?.submitLearningLog).toMatchObject({ log: null, errors: [{ field: ['input', 'evidenceKey'], code: 'EVIDENCE_NOT_COMPLETED' }] });

    const assessorPending = await putEvidence(api, world.tokens.assessor, pdf, { contentType: 'application/pdf', filename: 'bien-nhan.pdf' });
    const assessorKey = await keyOf(assessorPending);
    const recorded = await api.gql(RECORD, contribution([assessorKey]), { token: world.tokens.assessor });
    expect(recorded.data?.recordContribution).toMatchObject({ contribution: null, errors: [{ field: ['input', 'evidenceKeys'], code: 'EVIDENCE_NOT_COMPLETED' }] });
    // Emulation evidence keys were taken as given before: a made-up key is refused now.
    expect(codes(await api.gql(RECORD, contribution(['evidence/bien-nhan.jpg']), { token: world.tokens.assessor }), 'recordContribution')).toEqual(['EVIDENCE_NOT_FOUND']);
    expect(codes(await api.gql(RECORD, contribution([`evidence/files/${world.commune.id}/x`]), { token: world.tokens.assessor }), 'recordContribution')).toEqual(['EVIDENCE_NOT_FOUND']);

    expect(codes(await complete(assessorPending, world.tokens.assessor), 'completeEvidenceUpload')).toEqual([]);
    expect(codes(await api.gql(RECORD, contribution([assessorKey]), { token: world.tokens.assessor }), 'recordContribution')).toEqual([]);
  });

  it('lets no other account complete my upload or reference my file', async () => {
    const uploadId = await putEvidence(api, hoa.token, await makeJpeg(80, 60), { contentType: 'image/jpeg', filename: 'anh-lop-hoc.jpg' });
    const stolen = await complete(uploadId, minh.token);
    expect(stolen.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await complete(uploadId, world.tokens.assessor)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const key = (await complete(uploadId, hoa.token)).data?.completeEvidenceUpload.evidence.key;

    expect(codes(await api.gql(SUBMIT, selfDeclared(key), { token: minh.token }), 'submitLearningLog')).toEqual(['EVIDENCE_NOT_YOURS']);
    expect(codes(await api.gql(RECORD, contribution([key]), { token: world.tokens.assessor }), 'recordContribution')).toEqual(['EVIDENCE_NOT_YOURS']);
    expect(codes(await api.gql(SUBMIT, selfDeclared(key), { token: hoa.token }), 'submitLearningLog')).toEqual([]);
  });

  it('asks to sign in first', async () => {
    const anonymous = await api.gql(CREATE_EVIDENCE_UPLOAD, { input: { filename: 'a.pdf', contentType: 'application/pdf', sizeBytes: 10 } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('deletes evidence uploads never completed with the media uploads', async () => {
    const uploadId = await putEvidence(api, hoa.token, pdf, { contentType: 'application/pdf', filename: 'bo-do.pdf' });
    const completedId = await putEvidence(api, hoa.token, pdf, { contentType: 'application/pdf', filename: 'giu-lai.pdf' });
    const kept = (await complete(completedId, hoa.token)).data?.completeEvidenceUpload.evidence.key;
    const abandoned = await keyOf(uploadId);
    const em = api.runtime.orm.em.fork();
    await em.execute(`update media_upload set created_at = now() - interval '2 days' where id in (?, ?)`, [idOf('Upload', uploadId), idOf('Upload', completedId)]);
    expect(await api.runtime.storage.exists(abandoned)).toBe(true);
    expect(await api.runtime.services.uploads.cleanupAbandoned(em, new Date())).toBeGreaterThanOrEqual(1);
    expect(await keyOf(uploadId)).toBeUndefined();
    expect(await api.runtime.storage.exists(abandoned)).toBe(false);
    expect(await keyOf(completedId)).toBe(kept);
    expect(await api.runtime.storage.exists(kept)).toBe(true);
  });
});

describe('the deprecated createEvidenceUpload', () => {
  it('still signs a PUT whose key a learning log takes, and says what replaces it', async () => {
    const upload = await api.gql(`mutation($input: CreateEvidenceUploadInput!) { createEvidenceUpload(input: $input) { upload { key uploadUrl } errors { code } } }`, { input: { fileName: 'cu.pdf' } }, { token: hoa.token });
    const { key, uploadUrl } = upload.data?.createEvidenceUpload.upload;
    expect((await fetch(uploadUrl, { method: 'PUT', body: pdf })).ok).toBe(true);
    expect(codes(await api.gql(SUBMIT, selfDeclared(key), { token: hoa.token }), 'submitLearningLog')).toEqual([]);
    const schema = await api.gql(`{ __schema { mutationType { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } } }`);
    const field = schema.data?.__schema.mutationType.fields.find((f: { name: string }) => f.name === 'createEvidenceUpload');
    expect(field).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining('createEvidenceFileUpload') });
  });
});
