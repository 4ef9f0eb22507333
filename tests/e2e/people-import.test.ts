import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import { Gender } from '../../src/people/people.enums';
import { gid } from '../helpers/catalogue-fixtures';
import { nationalIdFor, registerCitizen, seedPeopleUnits, type PeopleFixture } from '../helpers/people-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: PeopleFixture;
let assessor: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedPeopleUnits(admin);
  assessor = (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
});

afterAll(async () => {
  await api.close();
});

const IMPORT = `mutation($input: ImportCitizensInput!) { importCitizens(input: $input) {
  report { created updated unchanged rejected { line code reasonCode reason } } errors { field code message } } }`;

function importInto(hamlet: { id: string }, csv: string, token = assessor) {
  return api.gql(IMPORT, { input: { unitId: gid('AdministrativeUnit', hamlet.id), csv } }, { token });
}

async function profile(nationalId: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await api.runtime.orm.em.fork().execute(
    'select c.full_name, c.birth_year, c.gender, c.phone, c.occupational_group, c.ethnic_minority, c.residence_id, u.name as residence from citizen c join administrative_unit u on u.id = c.residence_id where national_id_digest = ?',
    [api.runtime.services.nationalIds.digest(nationalId)],
  );
  return row;
}

describe('importing the citizens of a hamlet from CSV', () => {
  it('reports created, updated, unchanged and refused rows with line and reason, writing nothing of a refused row', async () => {
    const stays = await registerCitizen(admin, units.longAnKp1, { fullName: 'Lý Văn Giữ', birthYear: 1970, gender: Gender.MALE });
    const moves = await registerCitizen(admin, units.longAnKp2, { fullName: 'Lý Thị Chuyển', birthYear: 1972, gender: Gender.FEMALE });
    const kept = await registerCitizen(admin, units.longAnKp1, { fullName: 'Lý Văn Cũ', birthYear: 1975, gender: Gender.MALE });
    const outside = await registerCitizen(admin, units.tanAnKp1, { fullName: 'Người Tân An', birthYear: 1980, gender: Gender.FEMALE });
    const number = (citizen: { nationalIdSealed: string | null }) => api.runtime.services.nationalIds.open(citizen.nationalIdSealed as string);
    const fresh = nationalIdFor(2001, Gender.FEMALE);
    const duplicate = nationalIdFor(1999, Gender.MALE);
    const csv = [
      'national_id,full_name,birth_year,gender,phone,occupational_group,ethnic_minority,disability',
      `${fresh},Mai Thị Mới,2001,Nữ,0901234567,learner,có,`,
      `${number(stays)},Lý Văn Giữ,1970,MALE,,,,`,
      `${number(moves)},Lý Thị Chuyển,1972,FEMALE,0907654321,FARMER,,`,
      `${number(kept)},Lý Văn Cũ,1976,MALE,,,,`,
      `${number(outside)},Người Tân An,1980,FEMALE,,,,`,
      `${duplicate},Phan Văn Một,1999,MALE,,,,`,
      `${duplicate},Phan Văn Hai,1999,MALE,,,,`,
      '08019900000,Sai Số,1999,MALE,,,,',
      `${nationalIdFor(1990, Gender.MALE)},Giới Sai,1990,X,,,,`,
      `${nationalIdFor(1990, Gender.MALE)},,1990,MALE,,,,`,
      ',Không Số,1990,MALE,,,,',
    ].join('\n');
    const result = await importInto(units.longAnKp1, csv);
    expect(result.errors).toBeUndefined();
    const report = result.data?.importCitizens.report;
    expect(report).toMatchObject({ created: 2, updated: 1, unchanged: 1 });
    expect(report.rejected.map((row: { line: number; reasonCode: string; reason: string }) => [row.line, row.reasonCode, row.reason])).toEqual([
      [5, 'NATIONAL_ID_BIRTH_YEAR_MISMATCH', 'Số CCCD không khớp với năm sinh (chữ số thứ 4 đến 6).'],
      [6, 'NATIONAL_ID_OUTSIDE_AREA', 'Số CCCD này thuộc về một công dân ngoài địa bàn của bạn.'],
      [8, 'DUPLICATE_NATIONAL_ID_LINE', 'Số CCCD này đã có ở dòng 7.'],
      [9, 'NATIONAL_ID_FORMAT', 'Số CCCD gồm đúng 12 chữ số.'],
      [10, 'CSV_VALUE_NOT_ONE_OF', 'Cột gender phải là một trong các giá trị: FEMALE, MALE, OTHER, Nữ, Nam, Khác.'],
      [11, 'REQUIRED', 'Trường này không được để trống.'],
      [12, 'NATIONAL_ID_MISSING', 'Thiếu số CCCD: các dòng được đối chiếu theo số này.'],
    ]);
    expect(report.rejected[0].code).toBe(number(kept));
    expect(await profile(fresh)).toMatchObject({ full_name: 'Mai Thị Mới', gender: 'FEMALE', phone: '0901234567', occupational_group: 'LEARNER', ethnic_minority: true, residence: 'Khu phố KP1' });
    expect(await profile(number(moves))).toMatchObject({ phone: '0907654321', occupational_group: 'FARMER', residence: 'Khu phố KP1' });
    expect(await profile(number(kept))).toMatchObject({ birth_year: 1975, residence: 'Khu phố KP1' });
    expect(await profile(number(outside))).toMatchObject({ full_name: 'Người Tân An', residence_id: units.tanAnKp1.id });
    expect(await profile(number(stays))).toMatchObject({ residence_id: units.longAnKp1.id });

    const again = await importInto(units.longAnKp1, csv);
    expect(again.data?.importCitizens.report).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(again.data?.importCitizens.report.rejected).toHaveLength(7);
  });

  it('refuses a header without the required columns, and text that is not CSV', async () => {
    const header = await importInto(units.longAnKp1, 'name,year\nA,1990');
    expect(header.data?.importCitizens.report).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: [{ line: 1, code: '', reasonCode: 'MISSING_COLUMNS', reason: 'Dòng tiêu đề thiếu các cột: national_id, full_name, birth_year, gender.' }] });
    const broken = await importInto(units.longAnKp1, 'national_id,full_name\n"unclosed,1');
    expect(broken.data?.importCitizens).toEqual({ report: null, errors: [expect.objectContaining({ code: 'INVALID_CSV', field: ['input', 'csv'] })] });
  });

  it('refuses a unit outside the assessor\'s area, writing nothing', async () => {
    const nationalId = nationalIdFor(1990, Gender.MALE);
    const result = await importInto(units.tanAnKp1, `national_id,full_name,birth_year,gender\n${nationalId},A,1990,MALE`);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await profile(nationalId)).toBeUndefined();
  });
});
