import { Role } from '../../src/core/roles';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api.close(); });

it('probes', async () => {
  const admin = await api.account(Role.PROVINCE_ADMIN);
  const plain = await api.account(Role.CITIZEN);
  const show = (label: string, r: unknown) => console.log(label, JSON.stringify(r).slice(0, 600));
  show('nul search', await api.gql('query($q: String!) { institutions(filter: { search: $q }) { totalCount } }', { q: 'a\u0000b' }));
  show('year0', await api.gql('{ myLearning(year: 0) { year } }', {}, { token: plain.token }));
  show('yearbig', await api.gql('{ myLearningPlan(year: 2147483647) { year } }', {}, { token: plain.token }));
  show('enroll', await api.gql('{ myEnrollments { totalCount } }', {}, { token: plain.token }));
  show('export', await api.gql('{ exportMyLearning { url } }', {}, { token: plain.token }));
  show('emptyid', await api.gql('{ node(id: "") { id } }', {}, { token: admin.token }));
  show('surrogate', await api.gql('mutation($l: String!) { signIn(input: { login: $l, password: "xxxxxxxx" }) { errors { code } } }', { l: '\ud800@x.vn' }));
  show('subscription', await api.gql('subscription { me { id } }'));
  const r = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }) });
  show('apq mismatch ' + r.status, await r.json());
  const r2 = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } }) });
  show('apq version ' + r2.status, await r2.json());
  const r3 = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }) });
  show('apq unknown ' + r3.status, await r3.json());
  show('badtoken', await api.gql('{ me { id } }', {}, { token: 'garbage' }));
});
