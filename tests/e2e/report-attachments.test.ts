import { createHash } from 'node:crypto';
import type { Body } from '../../src/bodies/body.entity';
import type { RequestContext } from '../../src/core/context';
import { canonicalJson } from '../../src/reports/snapshots/checksum';
import { gid } from '../helpers/catalogue-fixtures';
import { reportingCommunes } from '../helpers/reporting-fixtures';
import { makeJpeg, makePdf } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let adminToken: string;
let departmentToken: string;
let longAnToken: string;
let tanAnToken: string;
let longAn: Body;
let tanAn: Body;

beforeAll(async () => {
  api = await startTestApi();
  const communes = await reportingCommunes(api);
  ({ admin, adminToken, departmentToken, longAn, tanAn } = communes);
  await admin.em.execute('update account set display_name = ? where id = ?', ['Lê Thị Mai', communes.longAnOfficer.id]);
  longAnToken = communes.longAnOfficer.token;
  tanAnToken = communes.tanAnOfficer.token;
});

afterAll(async () => {
  await api.close();
});

const ATTACHMENT = 'id name contentType sizeBytes sha256 uploadedByName uploadedAt url';
const CREATE = `mutation($input: CreateReportAttachmentUploadInput!) { createReportAttachmentUpload(input: $input) { upload { id url kind } errors { field code message } } }`;
const COMPLETE = `mutation($input: CompleteUploadInput!) { completeReportAttachment(input: $input) { attachment { ${ATTACHMENT} } errors { field code message } } }`;
const REMOVE = `mutation($input: RemoveReportAttachmentInput!) { removeReportAttachment(input: $input) { report { id attachments { name } } errors { field code } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Report { id status attachments { ${ATTACHMENT} } } } }`;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A draft of the body in an annual period of its own (each test its own year, so earlier submissions do not stand in the way). */
async function draftOf(body: Body, token: string): Promise<string> {
  const opened = await api.gql(`mutation { openNextAnnualReportPeriod { period { id } errors { code } } }`, {}, { token: adminToken });
  expect(opened.data?.openNextAnnualReportPeriod.errors).toEqual([]);
  const result = await api.gql(
    `mutation($input: PrepareReportInput!) { prepareReport(input: $input) { report { id } errors { code } } }`,
    { input: { periodId: opened.data?.openNextAnnualReportPeriod.period.id, bodyId: gid('Body', body.id) } },
    { token },
  );
  expect(result.data?.prepareReport.errors).toEqual([]);
  return result.data?.prepareReport.report.id;
}

async function submit(reportId: string, token: string): Promise<Record<string, any>> {
  const result = await api.gql(
    `mutation($input: ReportInput!) { submitReport(input: $input) { report { id status snapshot { checksum attachments { name sha256 } } } errors { code } } }`,
    { input: { reportId } },
    { token },
  );
  expect(result.data?.submitReport.errors).toEqual([]);
  return result.data?.submitReport.report;
}

/** createReportAttachmentUpload, then the bytes PUT to the presigned URL, as a browser does; returns the upload's id. */
async function putAttachment(reportId: string, token: string, bytes: Buffer, filename: string, contentType: string): Promise<string> {
  const created = await api.gql(CREATE, { input: { reportId, filename, contentType, sizeBytes: bytes.length } }, { token });
  expect(created.data?.createReportAttachmentUpload.errors).toEqual([]);
  const upload = created.data?.createReportAttachmentUpload.upload;
  const put = await fetch(upload.url, { method: 'PUT', body: bytes, headers: { 'content-type': contentType } });
  expect(put.status).toBe(200);
  return upload.id;
}

async function attach(reportId: string, token: string, bytes: Buffer, filename: string, contentType: string): Promise<Record<string, any>> {
  const uploadId = await putAttachment(reportId, token, bytes, filename, contentType);
  const completed = await api.gql(COMPLETE, { input: { uploadId } }, { token });
  expect(completed.data?.completeReportAttachment.errors).toEqual([]);
  return completed.data?.completeReportAttachment.attachment;
}

describe('attachments of a report', () => {
  it('attaches a decision and a photo through the upload flow, lists them with a download URL, and freezes their names and sha256 into the snapshot', async () => {
    const reportId = await draftOf(longAn, longAnToken);
    const decision = makePdf('Quyet dinh so 12/QD-UBND ve xay dung xa hoi hoc tap');
    const photo = await makeJpeg(320, 240);

    const uploadId = await putAttachment(reportId, longAnToken, decision, 'quyet-dinh-12.pdf', 'application/pdf');
    const before = await api.gql(READ, { id: reportId }, { token: longAnToken });
    expect(before.data?.node.attachments).toEqual([]);
    const completed = await api.gql(COMPLETE, { input: { uploadId } }, { token: longAnToken });
    const attached = completed.data?.completeReportAttachment.attachment;
    expect(attached).toMatchObject({ name: 'quyet-dinh-12.pdf', contentType: 'application/pdf', sizeBytes: decision.length, sha256: sha256(decision), uploadedByName: 'Lê Thị Mai' });
    expect(Date.parse(attached.uploadedAt)).not.toBeNaN();
    const again = await api.gql(COMPLETE, { input: { uploadId } }, { token: longAnToken });
    expect(again.data?.completeReportAttachment.attachment.id).toBe(attached.id);
    await attach(reportId, longAnToken, photo, 'anh-hoi-nghi.jpg', 'image/jpeg');

    const listed = (await api.gql(READ, { id: reportId }, { token: longAnToken })).data?.node.attachments;
    expect(listed.map((item: { name: string; contentType: string }) => [item.name, item.contentType])).toEqual([
      ['quyet-dinh-12.pdf', 'application/pdf'],
      ['anh-hoi-nghi.jpg', 'image/jpeg'],
    ]);
    const download = await fetch(listed[0].url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(decision)).toBe(true);
    // A draft, its attachments with it, stays the body's.
    expect((await api.gql(READ, { id: reportId }, { token: departmentToken })).data?.node).toBeNull();

    const submitted = await submit(reportId, longAnToken);
    expect(submitted.snapshot.attachments).toEqual([
      { name: 'anh-hoi-nghi.jpg', sha256: sha256(photo) },
      { name: 'quyet-dinh-12.pdf', sha256: sha256(decision) },
    ]);
    const [row] = await admin.em.execute<{ figures: unknown; basis: unknown; attachments: unknown }[]>(
      'select s.figures, s.basis, s.attachments from report r join report_snapshot s on s.id = r.snapshot_id where r.id = ?',
      [uuidOf(reportId)],
    );
    expect(submitted.snapshot.checksum).toBe(createHash('sha256').update(canonicalJson({ basis: row?.basis, figures: row?.figures, attachments: row?.attachments })).digest('hex'));
    expect(submitted.snapshot.checksum).not.toBe(createHash('sha256').update(canonicalJson({ basis: row?.basis, figures: row?.figures })).digest('hex'));
    const check = await api.gql(`query($id: ID!) { verifyReportSnapshot(reportId: $id) { matches } }`, { id: reportId }, { token: departmentToken });
    expect(check.data?.verifyReportSnapshot).toEqual({ matches: true });

    const seen = await api.gql(READ, { id: reportId }, { token: departmentToken });
    expect(seen.data?.node.attachments.map((item: { name: string }) => item.name)).toEqual(['quyet-dinh-12.pdf', 'anh-hoi-nghi.jpg']);
    const fetched = await fetch(seen.data?.node.attachments[1].url);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(photo)).toBe(true);
    expect((await api.gql(READ, { id: reportId }, { token: tanAnToken })).data?.node).toBeNull();
  });

  it('refuses to add or remove attachments once the report is submitted, even for an upload begun on the draft', async () => {
    const reportId = await draftOf(tanAn, tanAnToken);
    const kept = await attach(reportId, tanAnToken, makePdf('Ke hoach nam 2026'), 'ke-hoach.pdf', 'application/pdf');
    const begun = await putAttachment(reportId, tanAnToken, makePdf('Bao cao bo sung'), 'bo-sung.pdf', 'application/pdf');
    await submit(reportId, tanAnToken);

    const created = await api.gql(CREATE, { input: { reportId, filename: 'muon.pdf', contentType: 'application/pdf', sizeBytes: 1000 } }, { token: tanAnToken });
    expect(created.data?.createReportAttachmentUpload).toMatchObject({ upload: null, errors: [{ field: ['input', 'reportId'], code: 'REPORT_NOT_DRAFT' }] });
    const completed = await api.gql(COMPLETE, { input: { uploadId: begun } }, { token: tanAnToken });
    expect(completed.data?.completeReportAttachment).toMatchObject({ attachment: null, errors: [{ field: ['input', 'uploadId'], code: 'REPORT_NOT_DRAFT' }] });
    const removed = await api.gql(REMOVE, { input: { attachmentId: kept.id } }, { token: tanAnToken });
    expect(removed.data?.removeReportAttachment).toEqual({ report: null, errors: [{ field: ['input', 'attachmentId'], code: 'REPORT_NOT_DRAFT' }] });
    const listed = await api.gql(READ, { id: reportId }, { token: departmentToken });
    expect(listed.data?.node.attachments.map((item: { name: string }) => item.name)).toEqual(['ke-hoach.pdf']);
  });

  it('never leaves an attachment completed at the moment of submission out of the snapshot', async () => {
    const reportId = await draftOf(tanAn, tanAnToken);
    const uploadIds = await Promise.all(['mot', 'hai', 'ba'].map((name) => putAttachment(reportId, tanAnToken, makePdf(`Phu luc ${name}`), `phu-luc-${name}.pdf`, 'application/pdf')));
    const [submitted, ...completions] = await Promise.all([
      submit(reportId, tanAnToken),
      ...uploadIds.map((uploadId) => api.gql(COMPLETE, { input: { uploadId } }, { token: tanAnToken })),
    ]);
    const attachedNames = completions.flatMap((result) => (result.data?.completeReportAttachment.attachment ? [result.data.completeReportAttachment.attachment.name] : []));
    const refused = completions.flatMap((result) => result.data?.completeReportAttachment.errors.map((error: { code: string }) => error.code));
    expect(attachedNames.length + refused.length).toBe(3);
    expect(new Set(refused)).toEqual(new Set(refused.length ? ['REPORT_NOT_DRAFT'] : []));
    expect(submitted?.snapshot.attachments.map((item: { name: string }) => item.name).sort()).toEqual(attachedNames.sort());
    const listed = await api.gql(READ, { id: reportId }, { token: departmentToken });
    expect(listed.data?.node.attachments.map((item: { name: string }) => item.name).sort()).toEqual(attachedNames.sort());
  });

  it("keeps another body out: it neither attaches to, completes, removes nor reads a commune's attachments", async () => {
    const reportId = await draftOf(longAn, longAnToken);
    const attached = await attach(reportId, longAnToken, makePdf('Bien ban hop'), 'bien-ban.pdf', 'application/pdf');
    const pending = await putAttachment(reportId, longAnToken, makePdf('Du thao'), 'du-thao.pdf', 'application/pdf');

    const created = await api.gql(CREATE, { input: { reportId, filename: 'la.pdf', contentType: 'application/pdf', sizeBytes: 1000 } }, { token: tanAnToken });
    expect(created.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const completed = await api.gql(COMPLETE, { input: { uploadId: pending } }, { token: tanAnToken });
    expect(completed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const removed = await api.gql(REMOVE, { input: { attachmentId: attached.id } }, { token: tanAnToken });
    expect(removed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql(READ, { id: reportId }, { token: tanAnToken })).data?.node).toBeNull();
    // The media flow does not complete a report's upload into an institution's asset.
    const asMedia = await api.gql(`mutation($input: CompleteUploadInput!) { completeUpload(input: $input) { asset { id } errors { code } } }`, { input: { uploadId: pending } }, { token: adminToken });
    expect(asMedia.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const still = await api.gql(READ, { id: reportId }, { token: longAnToken });
    expect(still.data?.node.attachments.map((item: { name: string }) => item.name)).toEqual(['bien-ban.pdf']);
    const own = await api.gql(REMOVE, { input: { attachmentId: attached.id } }, { token: longAnToken });
    expect(own.data?.removeReportAttachment).toEqual({ report: { id: reportId, attachments: [] }, errors: [] });
    expect((await fetch(attached.url)).status).toBe(404);
  });

  it('refuses a program whatever it claims to be, and types that are neither documents nor images', async () => {
    const reportId = await draftOf(longAn, longAnToken);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
    const uploadId = await putAttachment(reportId, longAnToken, exe, 'quyet-dinh.pdf', 'application/pdf');
    const completed = await api.gql(COMPLETE, { input: { uploadId } }, { token: longAnToken });
    expect(completed.data?.completeReportAttachment.attachment).toBeNull();
    expect(completed.data?.completeReportAttachment.errors).toEqual([
      { field: ['input', 'uploadId'], code: 'FILE_TYPE_MISMATCH', message: expect.stringMatching(/thực ra là application\/x-msdownload,/) },
    ]);
    for (const contentType of ['application/x-msdownload', 'video/mp4']) {
      const created = await api.gql(CREATE, { input: { reportId, filename: 'tep', contentType, sizeBytes: 1000 } }, { token: longAnToken });
      expect(created.data?.createReportAttachmentUpload.errors).toEqual([
        { field: ['input', 'contentType'], code: 'UNSUPPORTED_TYPE', message: expect.stringContaining('một trong các loại: image/jpeg, image/png, image/webp, image/gif, application/pdf') },
      ]);
    }
    expect((await api.gql(READ, { id: reportId }, { token: longAnToken })).data?.node.attachments).toEqual([]);
  });

  it('lets the cleanup of abandoned uploads delete an attachment never completed, with its file', async () => {
    const reportId = await draftOf(longAn, longAnToken);
    const uploadId = await putAttachment(reportId, longAnToken, makePdf('Bo do'), 'bo-do.pdf', 'application/pdf');
    const [pending] = await admin.em.execute<{ key: string }[]>('select u.key from media_upload u join report_attachment a on a.upload_id = u.id where u.id = ?', [uuidOf(uploadId)]);
    expect(pending?.key).toMatch(/^reports\//);
    const later = new Date(Date.now() + 25 * 3_600_000);
    expect(await api.runtime.services.uploads.cleanupAbandoned(api.runtime.orm.em.fork(), later)).toBeGreaterThanOrEqual(1);
    const [left] = await admin.em.execute<{ count: string }[]>('select count(*) from report_attachment a where a.upload_id = ?', [uuidOf(uploadId)]);
    expect(Number(left?.count)).toBe(0);
    expect(await api.runtime.storage.exists(pending?.key ?? '')).toBe(false);
    const completed = await api.gql(COMPLETE, { input: { uploadId } }, { token: longAnToken });
    expect(completed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

/** The uuid inside a global id. */
function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1] ?? '';
}
