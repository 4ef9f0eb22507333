import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { QueueName } from '../../src/infra/queue';
import { todayInVietnam } from '../../src/core/time';
import { JobName } from '../../workers/jobs';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { makePdf, uploadEvidence } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { ATTESTED_CODES, insertCitizen, insertLog, insertUnit, type UnitRow } from '../helpers/titles-fixtures';

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;

let api: TestApi;
let workers: WorkerHost;
let em: EntityManager;
let commune: UnitRow;
let otherCommune: UnitRow;
let citizenId: string;
let childId: string;
let tokens: Record<'citizen' | 'assessor' | 'otherAssessor' | 'admin' | 'staff', string>;

const RUN = 'id status statusLabel phase phasesDone subjectsDone subjectsTotal progress estimatedSecondsLeft phases { phase status subjects counted subjectsDone } rowsWritten attempts durationMs error unit { id } ruleset { code version } counts { phase meets notYet awaiting }';
const RECALCULATE = `mutation($input: RecalculateTitlesInput!) { recalculateTitles(input: $input) { run { ${RUN} } errors { field code message } } }`;
const ATTEST = `mutation($input: AttestIndicatorInput!) { attestIndicator(input: $input) { attestation { indicatorCode score note enteredByName changes { scoreBefore scoreAfter noteBefore noteAfter changedByName } } errors { field code } } }`;
const PROGRESS = `query($id: ID!, $year: Int!) { titleProgress(subjectId: $id, year: $year) {
  titleKind titleKindLabel total threshold status statusLabel live missing ruleset { code }
  indicators { code label source score maxScore value explanation } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // One citizen per batch, one batch at a time and a pause after each: a run lasts long enough to be asked about twice.
  api = await startTestApi({ TITLES_BATCH_SIZE: '1', TITLES_CONCURRENCY: '1', TITLES_BATCH_PAUSE_MS: '700' });
  workers = await startWorkers(api.runtime);
  em = api.runtime.orm.em.fork();
  const province = await insertUnit(em, 'PROVINCE', null);
  commune = await insertUnit(em, 'COMMUNE', province);
  otherCommune = await insertUnit(em, 'COMMUNE', province);
  const hamlet = await insertUnit(em, 'HAMLET', commune);
  const hamlet2 = await insertUnit(em, 'HAMLET', commune);
  const citizen = await api.account(Role.CITIZEN);
  citizenId = await insertCitizen(em, hamlet, 1990, citizen.id);
  await insertLog(em, citizenId, { day: `${YEAR}-03-01`, hours: 12, source: 'RESOURCE_STUDY' });
  await insertCitizen(em, hamlet2, 1985);
  await insertCitizen(em, hamlet2, 1970);
  childId = await insertCitizen(em, hamlet, YEAR - 10);
  tokens = {
    citizen: citizen.token,
    assessor: (await api.account(Role.ASSESSOR, { unitId: commune.id })).token,
    otherAssessor: (await api.account(Role.ASSESSOR, { unitId: otherCommune.id })).token,
    admin: (await api.account(Role.PROVINCE_ADMIN)).token,
    staff: (await api.account(Role.INSTITUTION_STAFF)).token,
  };
});

afterAll(async () => {
  await workers.close();
  await api.close();
});

async function titleRun(id: string, token: string) {
  const result = await api.gql<{ titleRun: Record<string, unknown> | null }>(`query($id: ID!) { titleRun(id: $id) { ${RUN} } }`, { id }, { token });
  expect(result.errors).toBeUndefined();
  return result.data?.titleRun ?? null;
}

it('schedules the monthly recalculation at 02:00 on the 1st in Vietnam with a job scheduler', async () => {
  const schedulers = await workers.queues.get(QueueName.Titles)?.getJobSchedulers();
  expect(schedulers).toEqual([expect.objectContaining({ key: 'titles-monthly', name: JobName.ScheduleTitleRuns, pattern: '0 2 1 * *', tz: 'Asia/Ho_Chi_Minh' })]);
});

describe('recalculateTitles and titleRun', () => {
  it('lets only assessors of the unit (or above) and province admins start a run', async () => {
    const input = { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR };
    const codes: Record<string, unknown> = {};
    for (const who of ['citizen', 'staff', 'otherAssessor'] as const) {
      const result = await api.gql(RECALCULATE, { input }, { token: tokens[who] });
      codes[who] = result.errors?.[0]?.extensions?.code;
    }
    expect(codes).toEqual({ citizen: 'FORBIDDEN', staff: 'FORBIDDEN', otherAssessor: 'FORBIDDEN' });
    const future = await api.gql(RECALCULATE, { input: { ...input, year: YEAR + 2 } }, { token: tokens.assessor });
    expect(future.data?.recalculateTitles).toEqual({ run: null, errors: [{ field: ['input', 'year'], code: 'INVALID_YEAR', message: expect.any(String) }] });
  });

  it('runs one run per unit and year at a time, reports its progress, and starts a new one once it is over', async () => {
    const input = { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR };
    const first = await api.gql(RECALCULATE, { input }, { token: tokens.assessor });
    expect(first.errors).toBeUndefined();
    const runId = first.data?.recalculateTitles.run.id as string;
    const again = await api.gql(RECALCULATE, { input }, { token: tokens.admin });
    expect(again.data?.recalculateTitles.run.id).toBe(runId);

    const seen: string[] = [];
    const bar: { phase: unknown; done: unknown; progress: number; left: number | null }[] = [];
    let run = await titleRun(runId, tokens.assessor);
    for (let attempt = 0; attempt < 100 && run?.status !== 'SUCCEEDED' && run?.status !== 'FAILED'; attempt += 1) {
      seen.push(`${run?.status} ${run?.phase} ${run?.subjectsDone}/${run?.subjectsTotal}`);
      bar.push({ phase: run?.phase, done: run?.subjectsDone, progress: run?.progress as number, left: run?.estimatedSecondsLeft as number | null });
      await sleep(150);
      run = await titleRun(runId, tokens.assessor);
    }
    // Batches follow residence units (2 citizens in one hamlet, 1 in the other, in either order): progress is seen half way.
    expect(seen.some((state) => /^RUNNING CITIZENS [12]\/3$/.test(state))).toBe(true);
    // One bar over the run: phases weigh their subjects plus one (3+1, 1, 1, 1, 2+1, 1+1, 1, 1, and the
    // emulation phases' estimates 1, 1+1, 1, 1 = 19), so k of the 3 citizens written is k/19. It never goes back, nor does the time left grow.
    const halfWay = bar.filter(({ phase, done }) => phase === 'CITIZENS' && (done === 1 || done === 2));
    expect(halfWay.length).toBeGreaterThan(0);
    halfWay.forEach(({ done, progress }) => expect(progress).toBeCloseTo((done as number) / 19, 4));
    bar.forEach((step, index) => {
      const before = bar[index - 1];
      if (!before) return;
      expect(step.progress).toBeGreaterThanOrEqual(before.progress);
      if (before.left !== null && step.left !== null) expect(step.left).toBeLessThanOrEqual(before.left);
    });
    expect(bar.every(({ progress }) => progress < 1)).toBe(true);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      statusLabel: 'Hoàn thành',
      // The last phase (the province's emulation checklist, which version 1 does not have) has nothing to evaluate.
      phase: 'EMULATION_PROVINCES',
      phasesDone: [
        'CITIZENS', 'HOUSEHOLDS', 'ORGANISATIONS', 'CLANS', 'HAMLETS', 'COMMUNES', 'DISTRICTS', 'PROVINCES',
        'EMULATION_ORGANISATIONS', 'EMULATION_COMMUNES', 'EMULATION_DISTRICTS', 'EMULATION_PROVINCES',
      ],
      subjectsDone: 0,
      subjectsTotal: 0,
      progress: 1,
      estimatedSecondsLeft: 0,
      phases: [
        { phase: 'CITIZENS', status: 'DONE', subjects: 3, counted: true, subjectsDone: 3 },
        { phase: 'HOUSEHOLDS', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        { phase: 'ORGANISATIONS', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        { phase: 'CLANS', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        { phase: 'HAMLETS', status: 'DONE', subjects: 2, counted: true, subjectsDone: 2 },
        { phase: 'COMMUNES', status: 'DONE', subjects: 1, counted: true, subjectsDone: 1 },
        { phase: 'DISTRICTS', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        { phase: 'PROVINCES', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        // Version 1 has no emulation checklist: nothing to evaluate.
        { phase: 'EMULATION_ORGANISATIONS', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        { phase: 'EMULATION_COMMUNES', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        { phase: 'EMULATION_DISTRICTS', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
        { phase: 'EMULATION_PROVINCES', status: 'DONE', subjects: 0, counted: true, subjectsDone: 0 },
      ],
      // 3 citizens, 2 hamlets and the commune, each a progress row and a history row.
      rowsWritten: 12,
      attempts: 1,
      error: null,
      unit: { id: toGlobalId('AdministrativeUnit', commune.id) },
      ruleset: { code: 'VN-2024', version: 1 },
      counts: [
        { phase: 'CITIZENS', meets: 0, notYet: 3, awaiting: 0 },
        { phase: 'HOUSEHOLDS', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'ORGANISATIONS', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'CLANS', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'HAMLETS', meets: 0, notYet: 2, awaiting: 0 },
        { phase: 'COMMUNES', meets: 0, notYet: 1, awaiting: 0 },
        { phase: 'DISTRICTS', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'PROVINCES', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'EMULATION_ORGANISATIONS', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'EMULATION_COMMUNES', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'EMULATION_DISTRICTS', meets: 0, notYet: 0, awaiting: 0 },
        { phase: 'EMULATION_PROVINCES', meets: 0, notYet: 0, awaiting: 0 },
      ],
    });
    const next = await api.gql(RECALCULATE, { input }, { token: tokens.assessor });
    expect(next.data?.recalculateTitles.run.id).not.toBe(runId);
  });

  it('shows a run to assessors of its unit or above and admins only', async () => {
    const started = await api.gql(RECALCULATE, { input: { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR - 1 } }, { token: tokens.admin });
    const runId = started.data?.recalculateTitles.run.id as string;
    const visible: Record<string, boolean> = {};
    for (const who of ['citizen', 'staff', 'otherAssessor', 'assessor', 'admin'] as const) visible[who] = (await titleRun(runId, tokens[who])) !== null;
    expect(visible).toEqual({ citizen: false, staff: false, otherAssessor: false, assessor: true, admin: true });
  });
});

describe('titleProgress and attestIndicator', () => {
  const subject = () => toGlobalId('Citizen', citizenId);

  it('computes a citizen\'s progress live for the citizen and assessors of their unit, and refuses others', async () => {
    const own = await api.gql(PROGRESS, { id: subject(), year: YEAR }, { token: tokens.citizen, headers: { 'accept-language': 'en' } });
    expect(own.errors).toBeUndefined();
    expect(own.data?.titleProgress).toMatchObject({
      titleKind: 'LEARNING_CITIZEN',
      titleKindLabel: 'Learning Citizen',
      total: 8,
      threshold: 80,
      status: 'NOT_YET',
      live: true,
      ruleset: { code: 'VN-2024' },
    });
    const reading = own.data?.titleProgress.indicators[0];
    expect(reading).toEqual({
      code: 'READING',
      label: 'Keeps informed and reads',
      source: 'AUTO',
      score: 8,
      maxScore: 10,
      value: 12,
      explanation: '12 verified hours of learning this year: 8 of 10 points',
    });
    expect(own.data?.titleProgress.missing).toEqual(
      expect.arrayContaining(['Has a personal learning plan: needs at least 5 points; a learning plan for the year (5 points)', 'Applies numeracy to improve work: awaiting an assessor\'s entry', '72 more points to reach 80']),
    );
    const byAssessor = await api.gql(PROGRESS, { id: subject(), year: YEAR }, { token: tokens.assessor });
    expect(byAssessor.data?.titleProgress.indicators[0].explanation).toBe('12 giờ học đã xác nhận trong năm: 8/10 điểm');
    for (const who of ['otherAssessor', 'staff'] as const) {
      const refused = await api.gql(PROGRESS, { id: subject(), year: YEAR }, { token: tokens[who] });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const child = await api.gql(PROGRESS, { id: toGlobalId('Citizen', childId), year: YEAR }, { token: tokens.assessor });
    expect(child.data?.titleProgress).toBeNull();
  });

  it('records attestations of assessors of the subject\'s unit with an audit trail, and uses them at once', async () => {
    const input = { subjectId: subject(), year: YEAR, indicatorCode: 'NUMERACY', score: 7, note: 'Biết tính toán chi tiêu' };
    for (const who of ['otherAssessor', 'citizen'] as const) {
      const refused = await api.gql(ATTEST, { input }, { token: tokens[who] });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await Promise.all([
      api.gql(ATTEST, { input: { ...input, indicatorCode: 'FLYING' } }, { token: tokens.assessor }),
      api.gql(ATTEST, { input: { ...input, score: 11 } }, { token: tokens.assessor }),
      api.gql(ATTEST, { input: { ...input, score: null, met: true } }, { token: tokens.assessor }),
    ]);
    expect(bad.map((result) => result.data?.attestIndicator.errors[0]?.code)).toEqual(['INDICATOR_NOT_FOUND', 'SCORE_OUT_OF_RANGE', 'SCORE_REQUIRED']);

    const madeUp = await api.gql(ATTEST, { input: { ...input, evidenceKey: 'evidence/bien-ban.pdf' } }, { token: tokens.assessor });
    expect(madeUp.data?.attestIndicator.errors).toEqual([{ field: ['input', 'evidenceKey'], code: 'EVIDENCE_NOT_FOUND' }]);

    expect((await api.gql(ATTEST, { input }, { token: tokens.assessor })).data?.attestIndicator.errors).toEqual([]);
    const minutes = await uploadEvidence(api, tokens.admin, makePdf('Bien ban danh gia'), { contentType: 'application/pdf', filename: 'bien-ban.pdf' });
    const changed = await api.gql(ATTEST, { input: { ...input, score: 9, note: null, evidenceKey: minutes } }, { token: tokens.admin });
    expect(changed.data?.attestIndicator.attestation).toMatchObject({
      indicatorCode: 'NUMERACY',
      score: 9,
      note: null,
      changes: [
        { scoreBefore: null, scoreAfter: 7, noteBefore: null, noteAfter: 'Biết tính toán chi tiêu', changedByName: expect.stringContaining('ASSESSOR') },
        { scoreBefore: 7, scoreAfter: 9, noteBefore: 'Biết tính toán chi tiêu', noteAfter: null, changedByName: expect.stringContaining('PROVINCE_ADMIN') },
      ],
    });
    const listed = await api.gql(`query($id: ID!, $year: Int!) { titleAttestations(subjectId: $id, year: $year) { indicatorCode score } }`, { id: subject(), year: YEAR }, { token: tokens.citizen });
    expect(listed.data?.titleAttestations).toEqual([{ indicatorCode: 'NUMERACY', score: 9 }]);

    const progress = await api.gql(PROGRESS, { id: subject(), year: YEAR }, { token: tokens.citizen });
    const numeracy = progress.data?.titleProgress.indicators.find((i: { code: string }) => i.code === 'NUMERACY');
    expect(numeracy).toMatchObject({ source: 'ATTESTED', score: 9 });
    expect(progress.data?.titleProgress.total).toBe(17);
    expect(ATTESTED_CODES).toContain('NUMERACY');
  });
});
