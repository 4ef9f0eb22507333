import { toGlobalId } from '../../src/graphql/global-id';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { appraisedNomination, DECIDE, emulationWorld, nominationInput, type EmulationWorld } from '../helpers/emulation-fixtures';
import { insertCitizen, insertUnit } from '../helpers/titles-fixtures';

let api: TestApi;
let world: EmulationWorld;
let serial = 0;

beforeAll(async () => {
  api = await startTestApi();
  world = await emulationWorld(api);
});

afterAll(async () => {
  await api.close();
});

const decide = (id: string) => api.gql(DECIDE, { input: { id, decisionNumber: `${(serial += 1)}/QĐ-UBND`, decisionDate: '2025-12-20', signer: 'Chủ tịch UBND tỉnh' } }, { token: world.tokens.homeAffairs });

async function collective(overrides: Record<string, unknown> = {}): Promise<string> {
  const unit = await insertUnit(api.runtime.orm.em.fork(), 'HAMLET', world.commune);
  return appraisedNomination(api, world, nominationInput(world, { kind: 'UNIT', type: 'AdministrativeUnit', id: unit.id }, overrides));
}

const QUOTAS = `{ commendationRounds { kind fromYear toYear quotas { form { code } nomineeClass places taken } } }`;

describe('quotas of the Chairman’s certificate of merit', () => {
  it('publishes the plan’s quotas as data: 5 + 10 at the interim review, 10 + 15 at the final review, none for Giấy khen', async () => {
    const result = await api.gql(QUOTAS);
    expect(result.errors).toBeUndefined();
    const rounds = result.data?.commendationRounds;
    expect(rounds).toEqual(
      expect.arrayContaining([
        {
          kind: 'INTERIM_REVIEW',
          fromYear: 2023,
          toYear: 2025,
          quotas: [
            { form: { code: 'PROVINCE_CHAIRMAN_CERTIFICATE' }, nomineeClass: 'COLLECTIVE', places: 5, taken: 0 },
            { form: { code: 'PROVINCE_CHAIRMAN_CERTIFICATE' }, nomineeClass: 'INDIVIDUAL', places: 10, taken: 0 },
          ],
        },
        {
          kind: 'FINAL_REVIEW',
          fromYear: 2023,
          toYear: 2030,
          quotas: [
            { form: { code: 'PROVINCE_CHAIRMAN_CERTIFICATE' }, nomineeClass: 'COLLECTIVE', places: 10, taken: 0 },
            { form: { code: 'PROVINCE_CHAIRMAN_CERTIFICATE' }, nomineeClass: 'INDIVIDUAL', places: 15, taken: 0 },
          ],
        },
      ]),
    );
  });

  it('lets only one of two decisions fired at the same moment take the last collective place, and refuses any further one with QUOTA_EXCEEDED', async () => {
    const first = await Promise.all([1, 2, 3, 4].map(() => collective()));
    for (const id of first) expect((await decide(id)).data?.decideNomination.errors).toEqual([]);

    const [a, b] = [await collective(), await collective()];
    const results = await Promise.all([decide(a), decide(b)]);
    const outcomes = results.map((result) => result.data?.decideNomination.errors[0]?.code ?? result.data?.decideNomination.nomination.status);
    expect(outcomes.sort()).toEqual(['DECIDED', 'QUOTA_EXCEEDED']);
    const refused = results.find((result) => result.data?.decideNomination.errors.length)?.data?.decideNomination;
    expect(refused).toMatchObject({ nomination: null, errors: [{ field: ['input', 'id'], code: 'QUOTA_EXCEEDED', message: expect.stringContaining('5 trên 5') }] });

    const rounds = (await api.gql(QUOTAS)).data?.commendationRounds;
    const interim = rounds.find((round: any) => round.kind === 'INTERIM_REVIEW');
    expect(interim.quotas[0]).toMatchObject({ nomineeClass: 'COLLECTIVE', places: 5, taken: 5 });

    // Individuals have their own places, and the final review its own quota.
    const citizen = await insertCitizen(api.runtime.orm.em.fork(), world.hamlet, 1975);
    const individual = await appraisedNomination(api, world, nominationInput(world, { kind: 'CITIZEN', type: 'Citizen', id: citizen }));
    expect((await decide(individual)).data?.decideNomination.nomination.status).toBe('DECIDED');
    const final = await collective({ roundId: world.rounds.FINAL_REVIEW });
    expect((await decide(final)).data?.decideNomination.nomination.status).toBe('DECIDED');
  });

  it('decides a Giấy khen without quota, and gives a place back when a commendation is revoked', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => collective({ formId: world.forms.GIAY_KHEN })));
    const results = await Promise.all(ids.map((id) => decide(id)));
    expect(results.map((result) => result.data?.decideNomination.nomination?.status)).toEqual(Array(6).fill('DECIDED'));

    const waiting = await collective();
    expect((await decide(waiting)).data?.decideNomination.errors[0]?.code).toBe('QUOTA_EXCEEDED');
    const [decided] = await api.runtime.orm.em.fork().execute<{ id: string }[]>(
      `select n.id from nomination n join commendation_form f on f.id = n.form_id join commendation_round r on r.id = n.round_id
        where n.status = 'DECIDED' and f.code = 'PROVINCE_CHAIRMAN_CERTIFICATE' and r.kind = 'INTERIM_REVIEW' and n.nominee_class = 'COLLECTIVE' limit 1`,
    );
    const revoked = await api.gql(
      `mutation($input: NominationReasonInput!) { revokeCommendation(input: $input) { nomination { status revocationReason } errors { code } } }`,
      { input: { id: toGlobalId('Nomination', decided?.id ?? ''), reason: 'Hồ sơ khai không trung thực' } },
      { token: world.tokens.homeAffairs },
    );
    expect(revoked.data?.revokeCommendation).toEqual({ nomination: { status: 'REVOKED', revocationReason: 'Hồ sơ khai không trung thực' }, errors: [] });
    expect((await decide(waiting)).data?.decideNomination.nomination.status).toBe('DECIDED');
  });
});

describe('annual rounds', () => {
  const OPEN_ROUND = `mutation($year: Int!) { openAnnualCommendationRound(input: { year: $year }) { round { id kind fromYear toYear quotas { places } } errors { field code } } }`;

  it('lets the Department of Education open the annual round of a year of the plan once, and nobody else', async () => {
    const refused = await api.gql(OPEN_ROUND, { year: 2027 }, { token: world.tokens.officer });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const opened = await api.gql(OPEN_ROUND, { year: 2027 }, { token: world.tokens.education });
    expect(opened.data?.openAnnualCommendationRound).toMatchObject({ round: { kind: 'ANNUAL', fromYear: 2027, toYear: 2027, quotas: [] }, errors: [] });
    const again = await api.gql(OPEN_ROUND, { year: 2027 }, { token: world.tokens.education });
    expect(again.data?.openAnnualCommendationRound.round.id).toBe(opened.data?.openAnnualCommendationRound.round.id);
    const annual = (await api.gql(`{ commendationRounds { kind fromYear } }`)).data?.commendationRounds.filter((round: { kind: string; fromYear: number }) => round.kind === 'ANNUAL' && round.fromYear === 2027);
    expect(annual).toHaveLength(1);
  });

  it('refuses a year outside the plan with INVALID_YEAR', async () => {
    const outside = await api.gql(OPEN_ROUND, { year: 2031 }, { token: world.tokens.education });
    expect(outside.data?.openAnnualCommendationRound).toEqual({ round: null, errors: [{ field: ['input', 'year'], code: 'INVALID_YEAR' }] });
  });
});
