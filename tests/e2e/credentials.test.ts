import { createHash, createPublicKey, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { pdfText } from '../../src/infra/pdf';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertCitizen, insertProgress, insertUnit, vn2024Id, type UnitRow } from '../helpers/titles-fixtures';

const PUBLIC_URL = 'https://hoctap.test.vn';
const CURRENT = Number(todayInVietnam().slice(0, 4));
const HOLDER = 'Nguyễn Thị Hoà';
const ISSUER = 'UBND phường Thử Nghiệm';

const CREDENTIAL = 'id jwt verificationMethod issuerDid statusListIndex statusListCredential validFrom validUntil revoked verificationUrl certificateUrl';
const ISSUE = `mutation($input: IssueCredentialInput!) { issueCredential(input: $input) { credential { ${CREDENTIAL} } errors { code field message } } }`;
const ROTATE = `mutation($input: RotateIssuerKeyInput!) { rotateIssuerKey(input: $input) { issuer { did didDocumentUrl keys { verificationMethod retiredAt } } errors { code } } }`;
const VERIFY = `query($credential: String!) { verifyCredential(credential: $credential) { valid problems credentialId issuerDid issuerName verificationMethod achievementName statusListIndex } }`;
const RECOGNISE = `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { results { award { id } errors { code } } errors { code } } }`;
const AWARD_CREDENTIALS = `query($id: ID!) { node(id: $id) { ... on TitleAward { credentials { id verificationMethod revoked } } } }`;

let api: TestApi;
let em: EntityManager;
let rulesetId: string;
let commune: UnitRow;
let hamlet: UnitRow;
let holder: { id: string; token: string };
let other: { id: string; token: string };
let admin: string;
let serial = 0;
/** Every body the API answered in this file, to look for private key material in. */
const answered: string[] = [];

type Json = Record<string, any>;

/** The API's own address for a public URL: did:web and the links point at PUBLIC_URL, the test server listens elsewhere. */
const local = (url: string) => url.replace(PUBLIC_URL, api.url);

async function fetchText(url: string, init?: RequestInit): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(local(url), init);
  const text = await response.text();
  answered.push(text);
  return { status: response.status, type: response.headers.get('content-type'), text };
}

async function gql(query: string, variables: Json, token?: string): Promise<Json> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  answered.push(text);
  return JSON.parse(text) as Json;
}

/** did:web resolution by hand (the method's rules): the host, then the path segments, then did.json. */
function didDocumentUrl(did: string): string {
  const [host, ...segments] = did.replace(/^did:web:/, '').split(':');
  const base = `https://${decodeURIComponent(host as string)}`;
  return segments.length ? `${base}/${segments.join('/')}/did.json` : `${base}/.well-known/did.json`;
}

const decodePart = (part: string): Json => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;

/** An independent check of a VC-JWT: its DID document fetched over HTTP, the Ed25519 signature checked with node:crypto. */
async function independentlyVerify(jwt: string): Promise<{ header: Json; payload: Json; signatureValid: boolean }> {
  const [headerPart, payloadPart, signaturePart] = jwt.split('.') as [string, string, string];
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  const did = String(header.kid).split('#')[0] as string;
  const document = await fetchText(didDocumentUrl(did));
  expect(document.status).toBe(200);
  const methods = (JSON.parse(document.text) as Json).verificationMethod as Json[];
  const method = methods.find((entry) => entry.id === header.kid);
  if (!method) return { header, payload, signatureValid: false };
  const key = createPublicKey({ key: method.publicKeyJwk as JsonWebKey, format: 'jwk' });
  const signatureValid = verifySignature(null, Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'));
  return { header, payload, signatureValid };
}

/** The credential's bit, read by hand from the published status list: its JWT verified, its encodedList gunzipped. */
async function statusBitOf(payload: Json): Promise<boolean> {
  const status = payload.credentialStatus as Json;
  const list = await fetchText(String(status.statusListCredential));
  expect(list.status).toBe(200);
  expect(list.type).toContain('application/vc+jwt');
  const checked = await independentlyVerify(list.text);
  expect(checked.signatureValid).toBe(true);
  expect(checked.payload.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
  const subject = checked.payload.credentialSubject as Json;
  expect(subject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });
  const bits = gunzipSync(Buffer.from(String(subject.encodedList).slice(1), 'base64url'));
  expect(bits.length).toBeGreaterThanOrEqual(16_384);
  const index = Number(status.statusListIndex);
  return ((bits[index >> 3] as number) & (0x80 >> (index % 8))) !== 0;
}

/** A new holder (a citizen with an account) recognised a Learning Citizen; `holder` is then theirs. */
async function recognisedAward(year = CURRENT - 1, decisionDate = `${CURRENT}-01-01`): Promise<string> {
  holder = await api.account(Role.CITIZEN);
  const citizenId = await insertCitizen(em, hamlet, 1980, holder.id);
  await em.execute('update citizen set full_name = ? where id = ?', [HOLDER, citizenId]);
  const indicators = [{ code: 'READING', source: 'AUTO', score: 10, value: 24 }, { code: 'ENCOURAGES_LEARNING', source: 'ATTESTED', score: 9, value: null }];
  await insertProgress(em, { id: citizenId }, hamlet, year, { rulesetId, status: 'MEETS_CRITERIA', total: 86, indicators });
  const input = { decision: { number: `${(serial += 1)}/QĐ-UBND`, date: decisionDate, issuer: ISSUER, level: 'COMMUNE' }, subjectIds: [toGlobalId('Citizen', citizenId)], year, titleKind: 'LEARNING_CITIZEN' };
  const result = await gql(RECOGNISE, { input }, admin);
  expect(result.data.recogniseTitles.results[0].errors).toEqual([]);
  return result.data.recogniseTitles.results[0].award.id as string;
}

async function issued(awardId: string, token = holder.token): Promise<Json> {
  const result = await gql(ISSUE, { input: { awardId } }, token);
  expect(result.errors).toBeUndefined();
  expect(result.data.issueCredential.errors).toEqual([]);
  return result.data.issueCredential.credential as Json;
}

const verifyOverHttp = async (credential: string): Promise<Json> => {
  const response = await fetchText(`${api.url}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
  expect(response.status).toBe(200);
  return JSON.parse(response.text) as Json;
};

beforeAll(async () => {
  api = await startTestApi({ PUBLIC_URL });
  em = api.runtime.orm.em.fork();
  rulesetId = await vn2024Id(em);
  const province = await insertUnit(em, 'PROVINCE', null);
  commune = await insertUnit(em, 'COMMUNE', province, { name: 'Phường Thử Nghiệm' });
  hamlet = await insertUnit(em, 'HAMLET', commune);
  other = await api.account(Role.CITIZEN);
  admin = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  await api.close();
});

describe('issuing an award as an Open Badges 3.0 credential', () => {
  let awardId: string;
  let credential: Json;

  beforeAll(async () => {
    awardId = await recognisedAward();
    credential = await issued(awardId);
  });

  it('signs an OpenBadgeCredential as a VC-JWT that an independent verifier accepts with the key of the served did:web document', async () => {
    const { header, payload, signatureValid } = await independentlyVerify(credential.jwt as string);
    expect(signatureValid).toBe(true);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', kid: credential.verificationMethod });
    expect(String(header.kid)).toMatch(new RegExp(`^did:web:hoctap\\.test\\.vn:issuers:${commune.id}#[A-Za-z0-9_-]{43}$`));
    expect(payload['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(payload.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(payload.issuer).toEqual({ id: `did:web:hoctap.test.vn:issuers:${commune.id}`, type: ['Profile'], name: ISSUER });
    expect(payload.name).toBe(`Công dân học tập năm ${CURRENT - 1}`);
    expect(payload.validFrom).toBe(new Date(`${CURRENT}-01-01T00:00:00+07:00`).toISOString());
    expect(payload.validUntil).toBe(new Date(`${CURRENT}-12-31T23:59:59+07:00`).toISOString());
    const subject = payload.credentialSubject as Json;
    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.achievement).toMatchObject({ type: ['Achievement'], achievementType: 'Award', name: 'Công dân học tập', version: 'VN-2024 v1' });
    expect(subject.achievement.criteria.narrative).toContain('VN-2024 (phiên bản 1)');
    expect(subject.achievement.criteria.narrative).toContain('Tổng điểm khi công nhận: 86 (cần 80)');
    expect(subject.result[0]).toEqual({ type: ['Result'], resultDescription: `${subject.achievement.id}#total`, value: '86' });
    expect(payload.evidence[0].name).toBe(`Quyết định số ${serial}/QĐ-UBND ngày ${CURRENT}-01-01`);
    // The holder is named by a salted hash only: the name can be checked against the certificate, never read.
    const [identity] = subject.identifier as Json[];
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'name', hashed: true });
    expect(identity?.identityHash).toBe(`sha256$${createHash('sha256').update(HOLDER + String(identity?.salt)).digest('hex')}`);
    expect(JSON.stringify(payload)).not.toContain(HOLDER);
    expect(payload.credentialStatus).toEqual({
      id: `${PUBLIC_URL}/credentials/status/0#${credential.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(credential.statusListIndex),
      statusListCredential: `${PUBLIC_URL}/credentials/status/0`,
    });
    expect(await statusBitOf(payload)).toBe(false);
  });

  it('verifies through the public query and POST /credentials/verify, signed out', async () => {
    const query = await gql(VERIFY, { credential: credential.jwt });
    expect(query.data.verifyCredential).toMatchObject({ valid: true, problems: [], issuerName: ISSUER, issuerDid: credential.issuerDid, achievementName: `Công dân học tập năm ${CURRENT - 1}` });
    expect(await verifyOverHttp(credential.jwt as string)).toMatchObject({ valid: true, problems: [] });
    const page = await fetchText(credential.verificationUrl as string, { headers: { accept: 'application/json' } });
    expect(JSON.parse(page.text)).toMatchObject({ valid: true, verdict: 'VALID', credential: credential.jwt });
  });

  it('returns the credential already issued with the active key when asked again, also to an official of the body', async () => {
    const official = await api.account(Role.ASSESSOR, { unitId: commune.id });
    const again = await issued(awardId, official.token);
    expect(again.id).toBe(credential.id);
    const listed = await gql(AWARD_CREDENTIALS, { id: awardId }, holder.token);
    expect(listed.data.node.credentials).toEqual([{ id: credential.id, verificationMethod: credential.verificationMethod, revoked: false }]);
  });

  it('refuses a tampered credential, which the independent verifier refuses too', async () => {
    const [header, payload, signature] = String(credential.jwt).split('.') as [string, string, string];
    const changed = decodePart(payload);
    changed.name = 'Gia đình học tập năm 2020';
    const tampered = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    expect((await independentlyVerify(tampered)).signatureValid).toBe(false);
    expect((await gql(VERIFY, { credential: tampered })).data.verifyCredential).toMatchObject({ valid: false, problems: ['SIGNATURE_INVALID'], issuerName: null });
    expect(await verifyOverHttp(tampered)).toMatchObject({ valid: false, problems: ['SIGNATURE_INVALID'] });
    expect((await gql(VERIFY, { credential: 'not a jwt' })).data.verifyCredential).toMatchObject({ valid: false, problems: ['MALFORMED'] });
    const foreignKid = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: `did:web:hoctap.test.vn:issuers:${commune.id}#unknown` })).toString('base64url');
    expect((await gql(VERIFY, { credential: `${foreignKid}.${payload}.${signature}` })).data.verifyCredential).toMatchObject({ valid: false, problems: ['UNKNOWN_ISSUER_KEY'] });
  });

  it('lets neither another citizen nor a signed-out caller issue or read the holder’s credential', async () => {
    const refused = await gql(ISSUE, { input: { awardId } }, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    expect((await gql(ISSUE, { input: { awardId } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: credential.id }, other.token)).data.node).toBeNull();
  });

  it('serves the certificate PDF through its signed link, in Vietnamese with the holder, the title and the decision', async () => {
    const pdf = await fetch(local(credential.certificateUrl as string));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'certificate-'));
    try {
      const file = path.join(dir, 'certificate.pdf');
      await writeFile(file, Buffer.from(await pdf.arrayBuffer()));
      const text = (await pdfText(file, 100_000, 20_000)).replace(/\s+/g, ' ');
      for (const expected of ['GIẤY CHỨNG NHẬN', HOLDER, `CÔNG DÂN HỌC TẬP NĂM ${CURRENT - 1}`, `Quyết định số ${serial}/QĐ-UBND ngày 01 tháng 01 năm ${CURRENT}`, ISSUER, 'Quét mã để xác minh']) {
        expect(text).toContain(expected);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const forged = String(credential.certificateUrl).replace(/signature=[^&]+/, 'signature=forged');
    expect((await fetch(local(forged))).status).toBe(403);
  });

  it('never answers private key material', async () => {
    const [row] = await em.execute<{ encrypted_private_key: string }[]>('select encrypted_private_key from issuer_key where unit_id = ?', [commune.id]);
    const sealed = String(row?.encrypted_private_key);
    const bodies = answered.join('\n');
    expect(bodies).not.toContain(sealed.split('.')[3]);
    expect(bodies).not.toMatch(/"d"\s*:/);
    expect(bodies).not.toMatch(/encryptedPrivateKey|encrypted_private_key|privateKey/i);
    const document = await fetchText(`${api.url}/issuers/${commune.id}/did.json`);
    expect(JSON.parse(document.text).verificationMethod[0].publicKeyJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
  });
});

describe('revocation', () => {
  it('sets the bit of a revoked award in the status list, and verification says revoked', async () => {
    const awardId = await recognisedAward();
    const credential = await issued(awardId);
    const payload = decodePart(String(credential.jwt).split('.')[1] as string);
    expect(await statusBitOf(payload)).toBe(false);
    const revoke = await gql(`mutation($input: RevokeTitleAwardInput!) { revokeTitleAward(input: $input) { errors { code } } }`, { input: { awardId, reason: 'Khai man' } }, admin);
    expect(revoke.data.revokeTitleAward.errors).toEqual([]);
    expect(await statusBitOf(payload)).toBe(true);
    expect((await gql(VERIFY, { credential: credential.jwt })).data.verifyCredential).toMatchObject({ valid: false, problems: ['REVOKED'] });
    expect(await verifyOverHttp(credential.jwt as string)).toMatchObject({ valid: false, problems: ['REVOKED'] });
    // The signature itself still holds: only the status says it no longer stands.
    expect((await independentlyVerify(credential.jwt as string)).signatureValid).toBe(true);
    const again = await gql(ISSUE, { input: { awardId } }, holder.token);
    expect(again.data.issueCredential).toMatchObject({ credential: null, errors: [{ code: 'AWARD_REVOKED', field: ['input', 'awardId'] }] });
  });

  it('says expired once the award’s validity has passed', async () => {
    const awardId = await recognisedAward(CURRENT - 2, `${CURRENT - 1}-01-01`);
    const credential = await issued(awardId);
    expect((await gql(VERIFY, { credential: credential.jwt })).data.verifyCredential).toMatchObject({ valid: false, problems: ['EXPIRED'] });
  });
});

describe('key rotation', () => {
  it('signs new credentials with the new key while credentials of the old one still verify', async () => {
    const awardId = await recognisedAward();
    const old = await issued(awardId);
    const unitId = toGlobalId('AdministrativeUnit', commune.id);
    expect((await gql(ROTATE, { input: { unitId } }, holder.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rotated = await gql(ROTATE, { input: { unitId } }, admin);
    const issuer = rotated.data.rotateIssuerKey.issuer;
    expect(rotated.data.rotateIssuerKey.errors).toEqual([]);
    expect(issuer.did).toBe(`did:web:hoctap.test.vn:issuers:${commune.id}`);
    expect(issuer.keys.length).toBeGreaterThanOrEqual(2);
    expect(issuer.keys.filter((key: Json) => key.retiredAt === null)).toHaveLength(1);
    const renewed = await issued(awardId);
    expect(renewed.id).not.toBe(old.id);
    expect(renewed.verificationMethod).not.toBe(old.verificationMethod);
    expect(issuer.keys.find((key: Json) => key.retiredAt === null).verificationMethod).toBe(renewed.verificationMethod);
    for (const jwt of [old.jwt, renewed.jwt]) {
      expect((await independentlyVerify(jwt as string)).signatureValid).toBe(true);
      expect((await gql(VERIFY, { credential: jwt })).data.verifyCredential).toMatchObject({ valid: true, problems: [] });
    }
    const listed = await gql(AWARD_CREDENTIALS, { id: awardId }, holder.token);
    expect(listed.data.node.credentials.map((entry: Json) => entry.id).sort()).toEqual([old.id, renewed.id].sort());
  });
});

describe('status-list positions', () => {
  it('never gives two awards issued at the same time the same index', async () => {
    const awards: { awardId: string; token: string }[] = [];
    for (let index = 0; index < 8; index += 1) awards.push({ awardId: await recognisedAward(), token: holder.token });
    const credentials = await Promise.all(awards.map(({ awardId, token }) => issued(awardId, token)));
    const indexes = credentials.map((credential) => credential.statusListIndex as number);
    expect(new Set(indexes).size).toBe(indexes.length);
  });

  it('reads the credentials of a page of awards in as many statements as of one award', async () => {
    const LIST = `query($filter: TitleAwardFilter!, $first: Int!) { titleAwards(filter: $filter, first: $first) { edges { node { id credentials { id revoked } } } } }`;
    const filter = { unitId: toGlobalId('AdministrativeUnit', commune.id) };
    const one = (await api.gql(LIST, { filter, first: 1 }, { token: admin })) as Json;
    const page = (await api.gql(LIST, { filter, first: 10 }, { token: admin })) as Json;
    const nodes = page.data.titleAwards.edges.map((edge: Json) => edge.node) as Json[];
    expect(nodes.filter((node) => node.credentials.length > 0).length).toBeGreaterThanOrEqual(8);
    expect(typeof one.extensions?.sqlStatements).toBe('number');
    expect(page.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });
});

describe('the platform’s DID', () => {
  it('serves /.well-known/did.json with the key that signs the status lists', async () => {
    const document = await fetchText(`${api.url}/.well-known/did.json`);
    expect(document.status).toBe(200);
    expect(JSON.parse(document.text)).toMatchObject({ id: 'did:web:hoctap.test.vn', verificationMethod: [{ type: 'JsonWebKey', controller: 'did:web:hoctap.test.vn' }] });
    expect((await fetchText(`${api.url}/issuers/00000000-0000-4000-8000-000000000000/did.json`)).status).toBe(404);
  });
});
