import { createPublicKey, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { idOf, toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { pdfText } from '../../src/infra/pdf';
import { APPRAISE, CONSOLIDATE, CREATE, DECIDE, REVOKE, SUBMIT, emulationWorld, nominationInput, type EmulationWorld } from '../helpers/emulation-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertCitizen } from '../helpers/titles-fixtures';

const PUBLIC_URL = 'https://hoctap.test.vn';
const HOLDER = 'Trần Văn Khen';
const TODAY = todayInVietnam();
const [YEAR, MONTH, DAY] = TODAY.split('-') as [string, string, string];

const CREDENTIAL = 'id jwt verificationMethod issuerDid statusListIndex statusListCredential validFrom validUntil revoked verificationUrl certificateUrl';
const ISSUE = `mutation($input: IssueCommendationCredentialInput!) { issueCommendationCredential(input: $input) { credential { ${CREDENTIAL} } errors { code field message } } }`;
const VERIFY = `query($credential: String!) { verifyCredential(credential: $credential) { valid problems issuerDid issuerName achievementName } }`;
const CREDENTIALS_OF = `query($id: ID!) { node(id: $id) { ... on Nomination { credentials { id revoked } } } }`;
const ROTATE = `mutation($input: RotateIssuerKeyInput!) { rotateIssuerKey(input: $input) { issuer { did keys { retiredAt } } errors { code field } } }`;

type Json = Record<string, any>;

let api: TestApi;
let em: EntityManager;
let world: EmulationWorld;
let holder: { id: string; token: string };
let citizenId: string;
let serial = 0;

const local = (url: string) => url.replace(PUBLIC_URL, api.url);
const decodePart = (part: string): Json => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;

async function gql(query: string, variables: Json, token?: string): Promise<Json> {
  return (await api.gql(query, variables, token ? { token } : {})) as Json;
}

/** did:web resolution by hand: the host, then the path segments, then did.json. */
function didDocumentUrl(did: string): string {
  const [host, ...segments] = did.replace(/^did:web:/, '').split(':');
  const base = `${api.url}`;
  expect(decodeURIComponent(host as string)).toBe('hoctap.test.vn');
  return segments.length ? `${base}/${segments.join('/')}/did.json` : `${base}/.well-known/did.json`;
}

/** The independent check of the existing suite: the DID document fetched over HTTP, Ed25519 checked with node:crypto. */
async function independentlyVerify(jwt: string): Promise<{ header: Json; payload: Json; signatureValid: boolean }> {
  const [headerPart, payloadPart, signaturePart] = jwt.split('.') as [string, string, string];
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  const response = await fetch(didDocumentUrl(String(header.kid).split('#')[0] as string));
  expect(response.status).toBe(200);
  const method = ((JSON.parse(await response.text()) as Json).verificationMethod as Json[]).find((entry) => entry.id === header.kid);
  if (!method) return { header, payload, signatureValid: false };
  const key = createPublicKey({ key: method.publicKeyJwk as JsonWebKey, format: 'jwk' });
  return { header, payload, signatureValid: verifySignature(null, Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url')) };
}

/** The credential's bit in the published list, the list's own signature checked. */
async function statusBitOf(payload: Json): Promise<boolean> {
  const status = payload.credentialStatus as Json;
  const list = await fetch(local(String(status.statusListCredential)));
  expect(list.status).toBe(200);
  const checked = await independentlyVerify(await list.text());
  expect(checked.signatureValid).toBe(true);
  const bits = gunzipSync(Buffer.from(String(checked.payload.credentialSubject.encodedList).slice(1), 'base64url'));
  const index = Number(status.statusListIndex);
  return ((bits[index >> 3] as number) & (0x80 >> (index % 8))) !== 0;
}

/** A nomination of the holder taken through the workflow by the proposing body's officer, and decided unless `decide` is false. */
async function commendation(form: string, proposer: 'committee' | 'union' = 'committee', decide = true): Promise<{ id: string; number: string }> {
  const token = proposer === 'committee' ? world.tokens.officer : world.tokens.otherOfficer;
  const proposerId = toGlobalId('Body', proposer === 'committee' ? world.committeeId : world.unionId);
  const round = form === 'GIAY_KHEN' ? 'FINAL_REVIEW' : 'INTERIM_REVIEW';
  const input = nominationInput(world, { kind: 'CITIZEN', type: 'Citizen', id: citizenId }, { formId: world.forms[form], proposerId, roundId: world.rounds[round] });
  const created = await gql(CREATE, { input }, token);
  const id = created.data.createNomination.nomination.id as string;
  await gql(SUBMIT, { input: { id } }, token);
  await gql(CONSOLIDATE, { input: { shortlist: [id], leftOut: [] } }, world.tokens.education);
  await gql(APPRAISE, { input: { id } }, world.tokens.homeAffairs);
  const number = `${(serial += 1)}/QĐ-KT`;
  if (decide) {
    const decided = await gql(DECIDE, { input: { id, decisionNumber: number, decisionDate: TODAY, signer: 'Nguyễn Văn A' } }, world.tokens.homeAffairs);
    expect(decided.data.decideNomination.errors).toEqual([]);
  }
  return { id, number };
}

async function issued(nominationId: string, token = holder.token): Promise<Json> {
  const result = await gql(ISSUE, { input: { nominationId } }, token);
  expect(result.errors).toBeUndefined();
  expect(result.data.issueCommendationCredential.errors).toEqual([]);
  return result.data.issueCommendationCredential.credential as Json;
}

async function page(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(local(url), { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

beforeAll(async () => {
  api = await startTestApi({ PUBLIC_URL });
  em = api.runtime.orm.em.fork();
  world = await emulationWorld(api);
  holder = await api.account(Role.CITIZEN);
  citizenId = await insertCitizen(em, world.hamlet, 1975, holder.id);
  await em.execute('update citizen set full_name = ? where id = ?', [HOLDER, citizenId]);
});

afterAll(async () => {
  await api.close();
});

describe('a Chairman’s certificate of merit as an Open Badges 3.0 credential', () => {
  let nomination: { id: string; number: string };
  let credential: Json;

  beforeAll(async () => {
    nomination = await commendation('PROVINCE_CHAIRMAN_CERTIFICATE');
    credential = await issued(nomination.id);
  });

  it('is signed by the province’s People’s Committee, and an independent verifier accepts it', async () => {
    const { header, payload, signatureValid } = await independentlyVerify(credential.jwt as string);
    expect(signatureValid).toBe(true);
    const did = `did:web:hoctap.test.vn:issuers:${world.province.id}`;
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', kid: credential.verificationMethod });
    expect(credential.issuerDid).toBe(did);
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(payload.issuer).toEqual({ id: did, type: ['Profile'], name: 'Ủy ban nhân dân Tỉnh Thử Nghiệm' });
    expect(payload.name).toBe('Bằng khen của Chủ tịch UBND tỉnh');
    expect(payload.validFrom).toBe(new Date(`${TODAY}T00:00:00+07:00`).toISOString());
    expect(payload.validUntil).toBeUndefined();
    expect(credential.validUntil).toBeNull();
    expect(payload.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], achievementType: 'Award', name: 'Bằng khen của Chủ tịch UBND tỉnh', tag: ['PROVINCE_CHAIRMAN_CERTIFICATE'] });
    expect(payload.credentialSubject.achievement.criteria.narrative).toContain('Sơ kết 2023–2025');
    expect(payload.evidence[0]).toMatchObject({ name: `Quyết định số ${nomination.number} ngày ${TODAY}`, genre: 'Quyết định khen thưởng', description: 'Quyết định khen thưởng của Chủ tịch Ủy ban nhân dân Tỉnh Thử Nghiệm' });
    expect(JSON.stringify(payload)).not.toContain(HOLDER);
    expect(await statusBitOf(payload)).toBe(false);
    expect((await gql(VERIFY, { credential: credential.jwt })).data.verifyCredential).toMatchObject({ valid: true, problems: [], issuerDid: did, achievementName: 'Bằng khen của Chủ tịch UBND tỉnh' });
  });

  it('is the same credential for the Department that decided it, and listed on the nomination for its readers only', async () => {
    expect((await issued(nomination.id, world.tokens.homeAffairs)).id).toBe(credential.id);
    const listed = await gql(CREDENTIALS_OF, { id: nomination.id }, world.tokens.officer);
    expect(listed.data.node.credentials).toEqual([{ id: credential.id, revoked: false }]);
    const outsider = await gql(ISSUE, { input: { nominationId: nomination.id } }, world.tokens.outsider);
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: credential.id }, world.tokens.outsider)).data.node).toBeNull();
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: credential.id }, holder.token)).data.node).toEqual({ id: credential.id });
  });

  it('refuses a tampered credential, as the independent verifier does', async () => {
    const [header, payload, signature] = String(credential.jwt).split('.') as [string, string, string];
    const changed = decodePart(payload);
    changed.name = 'Bằng khen của Thủ tướng Chính phủ';
    const tampered = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    expect((await independentlyVerify(tampered)).signatureValid).toBe(false);
    expect((await gql(VERIFY, { credential: tampered })).data.verifyCredential).toMatchObject({ valid: false, problems: ['SIGNATURE_INVALID'] });
  });

  it('prints a certificate with the decision number and date and the body’s name', async () => {
    const pdf = await fetch(local(credential.certificateUrl as string));
    expect(pdf.status).toBe(200);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'commendation-'));
    try {
      const file = path.join(dir, 'certificate.pdf');
      await writeFile(file, Buffer.from(await pdf.arrayBuffer()));
      const text = (await pdfText(file, 100_000, 20_000)).replace(/\s+/g, ' ');
      for (const expected of ['GIẤY CHỨNG NHẬN', HOLDER, 'được tặng', 'BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH', `Quyết định số ${nomination.number} ngày ${DAY} tháng ${MONTH} năm ${YEAR}`, 'Ủy ban nhân dân Tỉnh Thử Nghiệm', `Xác minh: ${credential.verificationUrl}`]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('có giá trị đến hết');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a Giấy khen', () => {
  it('is signed by the body that proposed it: a commune’s People’s Committee as its unit, another body under its own DID', async () => {
    const byCommittee = await issued((await commendation('GIAY_KHEN')).id);
    expect(byCommittee.issuerDid).toBe(`did:web:hoctap.test.vn:issuers:${world.commune.id}`);
    const byUnion = await issued((await commendation('GIAY_KHEN', 'union')).id);
    expect(byUnion.issuerDid).toBe(`did:web:hoctap.test.vn:issuers:bodies:${world.unionId}`);
    for (const credential of [byCommittee, byUnion]) {
      const { payload, signatureValid } = await independentlyVerify(credential.jwt as string);
      expect(signatureValid).toBe(true);
      expect(payload.name).toBe('Giấy khen');
      expect((await gql(VERIFY, { credential: credential.jwt })).data.verifyCredential).toMatchObject({ valid: true, problems: [] });
    }
    expect(decodePart(String(byUnion.jwt).split('.')[1]).issuer.name).toBe('Hội Liên hiệp Phụ nữ tỉnh');
    expect(decodePart(String(byCommittee.jwt).split('.')[1]).issuer.name).toBe('Ủy ban nhân dân Xã Thử Nghiệm');
  });

  it('keeps credentials of a body’s rotated key verifying, and decrypts the new key once however many it signs', async () => {
    const before = await issued((await commendation('GIAY_KHEN', 'union')).id);
    const rotated = await gql(ROTATE, { input: { bodyId: toGlobalId('Body', world.unionId) } }, world.tokens.admin);
    expect(rotated.data.rotateIssuerKey.errors).toEqual([]);
    expect(rotated.data.rotateIssuerKey.issuer.did).toBe(`did:web:hoctap.test.vn:issuers:bodies:${world.unionId}`);
    const both = await gql(ROTATE, { input: { bodyId: toGlobalId('Body', world.unionId), unitId: toGlobalId('AdministrativeUnit', world.commune.id) } }, world.tokens.admin);
    expect(both.data.rotateIssuerKey.errors).toEqual([{ code: 'ISSUING_BODY_REQUIRED', field: ['input', 'unitId'] }]);
    const vault = api.runtime.services.credentials.vault;
    const decrypt = jest.spyOn(vault, 'decryptPrivateKey');
    try {
      const first = await issued((await commendation('GIAY_KHEN', 'union')).id);
      const second = await issued((await commendation('GIAY_KHEN', 'union')).id);
      expect(first.verificationMethod).toBe(second.verificationMethod);
      expect(first.verificationMethod).not.toBe(before.verificationMethod);
      expect(decrypt).toHaveBeenCalledTimes(1);
    } finally {
      decrypt.mockRestore();
    }
    expect((await gql(VERIFY, { credential: before.jwt })).data.verifyCredential).toMatchObject({ valid: true });
  });
});

describe('what is refused', () => {
  it('refuses the forms the Prime Minister or a ministry decides, in the caller’s language, and a commendation not yet decided', async () => {
    for (const form of ['PRIME_MINISTER_CERTIFICATE', 'MINISTRY_CERTIFICATE']) {
      const { id } = await commendation(form);
      const refused = await gql(ISSUE, { input: { nominationId: id } }, world.tokens.homeAffairs);
      expect(refused.data.issueCommendationCredential).toMatchObject({ credential: null, errors: [{ code: 'COMMENDATION_DECIDED_ELSEWHERE', field: ['input', 'nominationId'] }] });
      expect(refused.data.issueCommendationCredential.errors[0].message).toContain('Thủ tướng Chính phủ');
    }
    const english = await api.gql(ISSUE, { input: { nominationId: (await commendation('MINISTRY_CERTIFICATE')).id } }, { token: world.tokens.homeAffairs, headers: { 'accept-language': 'en' } });
    expect((english.data as Json).issueCommendationCredential.errors[0].message).toContain('Prime Minister or a ministry');
    const pending = await commendation('GIAY_KHEN', 'committee', false);
    expect((await gql(ISSUE, { input: { nominationId: pending.id } }, world.tokens.officer)).data.issueCommendationCredential.errors).toEqual([expect.objectContaining({ code: 'WRONG_STATUS' })]);
  });
});

describe('revocation and the verification page', () => {
  let nomination: { id: string; number: string };
  let credential: Json;

  beforeAll(async () => {
    nomination = await commendation('GIAY_KHEN', 'union');
    credential = await issued(nomination.id);
  });

  it('shows a person, in Vietnamese unless English is preferred, that it is valid, who issued it, to whom, what and by which decision', async () => {
    const vi = await page(credential.verificationUrl as string);
    expect(vi.status).toBe(200);
    expect(vi.type).toBe('text/html; charset=utf-8');
    for (const expected of ['<html lang="vi">', 'data-verdict="VALID"', 'Hợp lệ', 'Cơ quan cấp', 'Hội Liên hiệp Phụ nữ tỉnh', 'Cấp cho', HOLDER, 'Hình thức khen thưởng', 'Giấy khen', `Số ${nomination.number} ngày ${DAY}/${MONTH}/${YEAR}`]) {
      expect(vi.text).toContain(expected);
    }
    const en = await page(credential.verificationUrl as string, { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' });
    for (const expected of ['<html lang="en">', 'Valid:', 'Issued by', 'Issued to', HOLDER, 'Form of commendation', 'Certificate of commendation of the head of a body', `No. ${nomination.number} of ${TODAY}`]) {
      expect(en.text).toContain(expected);
    }
    const json = await page(credential.verificationUrl as string, { accept: 'application/json' });
    expect(json.type).toContain('application/json');
    expect(JSON.parse(json.text)).toMatchObject({ valid: true, verdict: 'VALID', record: { issuerName: 'Hội Liên hiệp Phụ nữ tỉnh', holderName: HOLDER, decisionNumber: nomination.number, decisionDate: TODAY, validUntil: null }, credential: credential.jwt });
    expect((await page(`${api.url}/credentials/00000000-0000-4000-8000-000000000000/verification`)).status).toBe(404);
  });

  it('flips the bit when the commendation is revoked: the status list changes its ETag, verification and the page say revoked', async () => {
    const payload = decodePart(String(credential.jwt).split('.')[1] as string);
    const listUrl = local(String(payload.credentialStatus.statusListCredential));
    const first = await fetch(listUrl);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const unchanged = await fetch(listUrl, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(await statusBitOf(payload)).toBe(false);

    const revoked = await gql(REVOKE, { input: { id: nomination.id, reason: 'Hồ sơ khai không đúng' } }, world.tokens.homeAffairs);
    expect(revoked.data.revokeCommendation.errors).toEqual([]);
    const changed = await fetch(listUrl, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await statusBitOf(payload)).toBe(true);
    expect((await gql(VERIFY, { credential: credential.jwt })).data.verifyCredential).toMatchObject({ valid: false, problems: ['REVOKED'] });
    expect((await independentlyVerify(credential.jwt as string)).signatureValid).toBe(true);
    expect((await gql(CREDENTIALS_OF, { id: nomination.id }, world.tokens.otherOfficer)).data.node.credentials).toEqual([{ id: credential.id, revoked: true }]);
    const again = await gql(ISSUE, { input: { nominationId: nomination.id } }, holder.token);
    expect(again.data.issueCommendationCredential).toMatchObject({ credential: null, errors: [{ code: 'COMMENDATION_REVOKED', field: ['input', 'nominationId'] }] });
    expect((await page(credential.verificationUrl as string)).text).toContain('Đã thu hồi');
    expect((await page(credential.verificationUrl as string, { 'accept-language': 'en' })).text).toContain('Revoked:');
  });

  it('says tampered when the stored credential no longer matches its signature', async () => {
    const other = await issued((await commendation('GIAY_KHEN')).id);
    const [header, payload, signature] = String(other.jwt).split('.') as [string, string, string];
    const changed = decodePart(payload);
    changed.name = 'Bằng khen của Thủ tướng Chính phủ';
    await em.execute('update award_credential set jwt = ? where id = ?', [`${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`, idOf('AwardCredential', other.id as string)]);
    const vi = await page(other.verificationUrl as string);
    expect(vi.text).toContain('data-verdict="TAMPERED"');
    expect(vi.text).toContain('Không hợp lệ: nội dung chứng nhận đã bị thay đổi');
    expect((await page(other.verificationUrl as string, { 'accept-language': 'en' })).text).toContain('Not valid: the content of the credential was altered');
  });
});

describe('status-list positions', () => {
  it('never gives two credentials issued at the same time the same index', async () => {
    const nominations = [];
    for (let index = 0; index < 8; index += 1) nominations.push(await commendation('GIAY_KHEN', index % 2 ? 'union' : 'committee'));
    const credentials = await Promise.all(nominations.map((nomination) => issued(nomination.id)));
    const indexes = credentials.map((credential) => credential.statusListIndex as number);
    expect(new Set(indexes).size).toBe(indexes.length);
    const [row] = await em.execute<{ total: string; distinct: string }[]>('select count(*) as total, count(distinct status_index) as distinct from award_credential');
    expect(row?.total).toBe(row?.distinct);
  });

  it('reads the credentials of a page of nominations in as many statements as of one nomination', async () => {
    const LIST = `query($first: Int!) { nominations(first: $first) { edges { node { id credentials { id verificationMethod revoked } } } } }`;
    const one = await api.gql(LIST, { first: 1 }, { token: world.tokens.otherOfficer });
    const page = await api.gql(LIST, { first: 10 }, { token: world.tokens.otherOfficer });
    const nodes = (page.data as Json).nominations.edges.map((edge: Json) => edge.node) as Json[];
    expect(nodes.length).toBeGreaterThanOrEqual(4);
    expect(nodes.filter((node) => node.credentials.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(typeof one.extensions?.sqlStatements).toBe('number');
    expect(page.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });
});
