import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { UnitImportReport } from '../../src/catalogue/units/unit-import.service';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

const DATA = path.resolve(__dirname, '..', '..', 'src', 'catalogue', 'reference-data');
const LONG_AN = readFileSync(path.join(DATA, 'long-an-units-2024.csv'), 'utf8');
const TAY_NINH = readFileSync(path.join(DATA, 'tay-ninh-units-2025.csv'), 'utf8');

let api: TestApi;

function importCsv(csv: string): Promise<UnitImportReport> {
  return api.runtime.services.unitImport.importCsv(api.runtime.orm.em.fork(), csv);
}

interface Unit {
  id: string;
  code: string;
  name: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
  parent: { code: string; name: string } | null;
  ancestors: { code: string; name: string }[];
  successor: (Omit<Unit, 'successor' | 'ancestors' | 'parent'> & { successor: { code: string; name: string; validFrom: string | null } | null }) | null;
}

const UNIT = `id code name level validFrom validTo parent { code name } ancestors { code name }
  successor { id code name level validFrom validTo successor { code name validFrom } }`;

async function unitByCode(code: string, validOn?: string): Promise<Unit | null> {
  const result = await api.gql<{ administrativeUnit: Unit | null }>(
    `query($code: String!, $validOn: Date) { administrativeUnit(code: $code, validOn: $validOn) { ${UNIT} } }`,
    { code, validOn: validOn ?? null },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.administrativeUnit ?? null;
}

interface UnitPage {
  totalCount: number;
  edges: { node: { code: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function subtree(withinId: string, filter: Record<string, unknown> = {}): Promise<{ totalCount: number; codes: string[] }> {
  const codes: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const result: GraphQLResponse<{ administrativeUnits: UnitPage }> = await api.gql<{ administrativeUnits: UnitPage }>(
      `query($filter: AdministrativeUnitFilter, $after: String) {
        administrativeUnits(filter: $filter, first: 100, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } }
      }`,
      { filter: { withinId, ...filter }, after },
    );
    expect(result.errors).toBeUndefined();
    const page = result.data?.administrativeUnits as UnitPage;
    totalCount = page.totalCount;
    codes.push(...page.edges.map((edge) => edge.node.code));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { totalCount, codes };
}

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api.close();
});

describe('importing the real administrative-unit files', () => {
  it('creates the 204 units of old Long An and the 97 of new Tây Ninh, refusing none', async () => {
    expect(await importCsv(LONG_AN)).toEqual({ created: 204, updated: 0, unchanged: 0, rejected: [], successorsLinked: 2 });
    // The new units are there now: every old unit with a successor code gets its successor.
    expect(await importCsv(TAY_NINH)).toEqual({ created: 97, updated: 0, unchanged: 0, rejected: [], successorsLinked: 176 });
    const [row] = await api.runtime.orm.em
      .fork()
      .execute<{ units: string; with_code: string; linked: string }[]>(
        'select count(*) as units, count(successor_code) as with_code, count(successor_id) as linked from administrative_unit',
      );
    expect(row).toEqual({ units: '301', with_code: '178', linked: '178' });
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await api.runtime.orm.em.fork().execute<{ latest: Date }[]>('select max(updated_at) as latest from administrative_unit');
    expect(await importCsv(LONG_AN)).toEqual({ created: 0, updated: 0, unchanged: 204, rejected: [], successorsLinked: 0 });
    expect(await importCsv(TAY_NINH)).toEqual({ created: 0, updated: 0, unchanged: 97, rejected: [], successorsLinked: 0 });
    const after = await api.runtime.orm.em.fork().execute<{ latest: Date; units: string }[]>(
      'select max(updated_at) as latest, count(*) as units from administrative_unit',
    );
    expect(after[0]?.units).toBe('301');
    expect(after[0]?.latest).toEqual(before[0]?.latest);
  });

  it('links the old province to the new Tây Ninh, both with code 80', async () => {
    const longAn = await unitByCode('80', '2025-06-30');
    expect(longAn).toMatchObject({ name: 'Tỉnh Long An', level: 'PROVINCE', validFrom: null, validTo: '2025-06-30', parent: null, ancestors: [] });
    expect(longAn?.successor).toMatchObject({ code: '80', name: 'Tỉnh Tây Ninh', level: 'PROVINCE', validFrom: '2025-07-01', validTo: null, successor: null });
    expect(longAn?.successor?.id).not.toBe(longAn?.id);
    expect(await unitByCode('80', '2025-07-01')).toMatchObject({ name: 'Tỉnh Tây Ninh', successor: null });
  });

  it('links a ward dissolved in 2024 to the ward that took it over then, whose own successor is the ward of 2025', async () => {
    const phuong2 = await unitByCode('27688', '2024-11-30');
    expect(phuong2).toMatchObject({ code: '27688', name: 'Phường 2', validTo: '2024-11-30' });
    expect(phuong2?.successor).toMatchObject({
      code: '27694',
      name: 'Phường 1',
      level: 'COMMUNE',
      validTo: '2025-06-30',
      successor: { code: '27694', name: 'Phường Long An', validFrom: '2025-07-01' },
    });
    // The day after it ended, it is gone.
    expect(await unitByCode('27688', '2024-12-01')).toBeNull();
    expect(await unitByCode('27688')).toBeNull();
  });

  it('answers a reused code with the unit of the day asked for: Phường Long An today, Phường 1 on 1 January 2025', async () => {
    expect(await unitByCode('27694')).toMatchObject({ name: 'Phường Long An', validFrom: '2025-07-01', validTo: null, parent: { code: '80', name: 'Tỉnh Tây Ninh' } });
    expect(await unitByCode('27694', '2025-01-01')).toMatchObject({
      name: 'Phường 1',
      validTo: '2025-06-30',
      parent: { code: '794', name: 'Thành phố Tân An' },
    });
    expect(await unitByCode('27694', '2025-06-30')).toMatchObject({ name: 'Phường 1' });
    expect(await unitByCode('27694', '2025-07-01')).toMatchObject({ name: 'Phường Long An' });
  });

  it('puts an old commune under its district and province, and each subtree holds only its own units', async () => {
    const phuong1 = await unitByCode('27694', '2025-01-01');
    expect(phuong1?.ancestors).toEqual([
      { code: '80', name: 'Tỉnh Long An' },
      { code: '794', name: 'Thành phố Tân An' },
    ]);
    const tanAn = await unitByCode('794', '2025-01-01');
    expect(tanAn?.ancestors).toEqual([{ code: '80', name: 'Tỉnh Long An' }]);

    // Tân An city on 1 January 2025: its 13 communes (Phường 2 had ended), Phường 1 among them.
    const city = await subtree(tanAn?.id as string, { validOn: '2025-01-01' });
    expect(city.totalCount).toBe(13);
    expect(city.codes).toHaveLength(13);
    expect(city.codes).toContain('27694');
    expect(city.codes).not.toContain('27688');
    expect(await subtree(tanAn?.id as string, { includeHistoric: true })).toMatchObject({ totalCount: 14 });

    // Old Long An: 15 districts and 188 communes over all periods, none of the new units.
    const oldProvince = await unitByCode('80', '2025-01-01');
    const old = await subtree(oldProvince?.id as string, { includeHistoric: true });
    expect(old.totalCount).toBe(203);
    expect(new Set(old.codes).size).toBe(203);
    expect(old.codes).toEqual(expect.arrayContaining(['794', '27694', '27688', '28006']));
    expect(old.codes).not.toContain('80');
    expect((await subtree(oldProvince?.id as string, { validOn: '2025-01-01' })).totalCount).toBe(201);
    expect((await subtree(oldProvince?.id as string, { validOn: '2025-01-01', levels: ['DISTRICT'] })).totalCount).toBe(15);

    // New Tây Ninh: its 96 communes, and none of the old ones even with the historic units.
    const newProvince = await unitByCode('80');
    const current = await subtree(newProvince?.id as string);
    expect(current.totalCount).toBe(96);
    expect(current.codes).toContain('27694');
    expect((await subtree(newProvince?.id as string, { includeHistoric: true })).totalCount).toBe(96);
    // Nothing is valid under the old province today.
    expect((await subtree(oldProvince?.id as string)).totalCount).toBe(0);
  });
});

describe('rows the import refuses', () => {
  const csv = [
    'code,name,level,parent_code,valid_from,valid_to,successor_code',
    '99,Tỉnh Thử Nghiệm,PROVINCE,,2025-07-01,,', // 2
    '99001,Xã Một,COMMUNE,99,2025-07-01,,', // 3
    '99002,Xã Hai,COMMUNE,98,2025-07-01,,', // 4: no unit 98
    '99003,Xã Ba,VILLAGE,99,2025-07-01,,', // 5: no such level
    '99004,Xã Bốn,COMMUNE,99,2025-07-01,2025-06-30,', // 6: ends before it starts
    '99005,Xã Năm,COMMUNE,99,2025-02-30,,', // 7: no 30 February
    '99006,,COMMUNE,99,2025-07-01,,', // 8: no name
    '99007,Xã Bảy,COMMUNE,99,2025-07-01,,99001', // 9: a successor for a unit that has not ended
    '99001,Xã Một,COMMUNE,99,2025-07-01,,', // 10: the same unit again
    '99008,Xã Tám,COMMUNE,99,2025-07-01,,', // 11
    '99009,Xã Chín,COMMUNE,99,01/07/2025,,', // 12: not an ISO date
  ].join('\n');

  let report: UnitImportReport;

  beforeAll(async () => {
    report = await importCsv(csv);
  });

  it('reports each refused row with its line, code, reason code and reason (in English for a command-line import)', () => {
    expect(report.rejected).toEqual([
      { line: 4, code: '99002', reasonCode: 'PARENT_NOT_FOUND', reason: 'no unit with code 98 above Commune, ward or town exists in the same period' },
      { line: 5, code: '99003', reasonCode: 'CSV_VALUE_NOT_ONE_OF', reason: expect.stringMatching(/^level must be one of PROVINCE, DISTRICT, COMMUNE, HAMLET/) },
      { line: 6, code: '99004', reasonCode: 'UNIT_PERIOD_REVERSED', reason: 'valid_to is before valid_from' },
      { line: 7, code: '99005', reasonCode: 'CSV_DATE_INVALID', reason: expect.stringMatching(/valid_from "2025-02-30" is not a date/) },
      { line: 8, code: '99006', reasonCode: 'CSV_VALUE_MISSING', reason: 'name is missing' },
      { line: 9, code: '99007', reasonCode: 'SUCCESSOR_WITHOUT_END', reason: expect.stringMatching(/successor_code needs valid_to/) },
      { line: 10, code: '99001', reasonCode: 'DUPLICATE_UNIT_ROW', reason: expect.stringMatching(/another row for code 99001/) },
      { line: 12, code: '99009', reasonCode: 'CSV_DATE_INVALID', reason: expect.stringMatching(/valid_from "01\/07\/2025" is not a date/) },
    ]);
  });

  it('applies the valid rows of the same file and writes none of the refused ones', async () => {
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const province = await unitByCode('99');
    expect(province).toMatchObject({ name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' });
    expect(await unitByCode('99001')).toMatchObject({ name: 'Xã Một', parent: { code: '99' }, ancestors: [{ code: '99', name: 'Tỉnh Thử Nghiệm' }] });
    expect(await unitByCode('99008')).toMatchObject({ name: 'Xã Tám' });
    const under = await subtree(province?.id as string, { includeHistoric: true });
    expect(under.codes.sort()).toEqual(['99001', '99008']);
    const [row] = await api.runtime.orm.em.fork().execute<{ count: string }[]>("select count(*) from administrative_unit where code like '99%'");
    expect(row?.count).toBe('3');
  });

  it('refuses a file whose header lacks a required column, writing nothing', async () => {
    const result = await importCsv('code,name,parent_code\n99010,Xã Mười,99\n');
    expect(result).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      successorsLinked: 0,
      rejected: [{ line: 1, code: '', reasonCode: 'MISSING_COLUMNS', reason: 'The header lacks the columns level.' }],
    });
    expect(await unitByCode('99010')).toBeNull();
  });
});
