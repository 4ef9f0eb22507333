import { Account } from '../auth/account.entity';
import { Programme } from '../catalogue/programmes/programme.entity';
import type { RequestContext } from '../core/context';
import type { Citizen } from '../people/citizens/citizen.entity';
import { Gender, OccupationalGroup, OrganisationKind, OrganisationRole } from '../people/people.enums';

interface DemoCitizen {
  key: string;
  fullName: string;
  birthYear: number;
  gender: Gender;
  /** Province 080 (Long An), then century-and-gender and year digits that match: checkNationalId passes. */
  nationalId: string;
  hamlet: string;
  occupationalGroup: OccupationalGroup | null;
}

// Illustrative people of two residential quarters of Phường Long An.
const CITIZENS: DemoCitizen[] = [
  { key: 'hoa', fullName: 'Nguyễn Thị Hoa', birthYear: 1985, gender: Gender.FEMALE, nationalId: '080185001234', hamlet: '27694-KP1', occupationalGroup: OccupationalGroup.WORKER },
  { key: 'minh', fullName: 'Trần Văn Minh', birthYear: 1982, gender: Gender.MALE, nationalId: '080082004321', hamlet: '27694-KP1', occupationalGroup: OccupationalGroup.WORKER },
  { key: 'lan', fullName: 'Trần Thị Lan', birthYear: 2008, gender: Gender.FEMALE, nationalId: '080308005678', hamlet: '27694-KP1', occupationalGroup: OccupationalGroup.LEARNER },
  { key: 'khoa', fullName: 'Trần Minh Khoa', birthYear: 2012, gender: Gender.MALE, nationalId: '080212006789', hamlet: '27694-KP1', occupationalGroup: OccupationalGroup.LEARNER },
  { key: 'tam', fullName: 'Lê Văn Tâm', birthYear: 1960, gender: Gender.MALE, nationalId: '080060007890', hamlet: '27694-KP1', occupationalGroup: OccupationalGroup.FARMER },
  { key: 'mai', fullName: 'Phạm Thị Mai', birthYear: 1963, gender: Gender.FEMALE, nationalId: '080163008901', hamlet: '27694-KP1', occupationalGroup: OccupationalGroup.FARMER },
  { key: 'ba', fullName: 'Nguyễn Văn Ba', birthYear: 1975, gender: Gender.MALE, nationalId: '080075009012', hamlet: '27694-KP2', occupationalGroup: OccupationalGroup.OFFICIAL },
  { key: 'thu', fullName: 'Võ Thị Thu', birthYear: 1978, gender: Gender.FEMALE, nationalId: '080178000123', hamlet: '27694-KP2', occupationalGroup: OccupationalGroup.OFFICIAL },
];

const HOUSEHOLDS = [
  { name: 'Hộ bà Nguyễn Thị Hoa', hamlet: '27694-KP1', head: 'hoa', members: ['minh', 'lan', 'khoa'] },
  { name: 'Hộ ông Lê Văn Tâm', hamlet: '27694-KP1', head: 'tam', members: ['mai'] },
  { name: 'Hộ ông Nguyễn Văn Ba', hamlet: '27694-KP2', head: 'ba', members: ['thu'] },
];

/**
 * Citizens (one of them the demo citizen account's own profile), their households, a clan and two
 * organisations in Phường Long An. Runs inside the demo transaction, acting as the province admin.
 */
export async function loadPeopleDemo(ctx: RequestContext, citizenAccountId: string): Promise<Map<string, Citizen>> {
  const { services } = ctx;
  const unit = async (code: string) => {
    const found = await services.units.findByCode(ctx, code, null);
    if (!found) throw new Error(`demo data needs unit ${code}`);
    return found;
  };
  const citizens = new Map<string, Citizen>();
  // Registered three years ago, so the previous years' standings count them.
  const since = `${new Date().getUTCFullYear() - 3}-01-01`;
  for (const { key, hamlet, ...fields } of CITIZENS) {
    const citizen = await services.citizens.register(ctx, { ...fields, residenceId: (await unit(hamlet)).id });
    citizen.createdAt = new Date(`${since}T00:00:00Z`);
    citizens.set(key, citizen);
  }
  const hoa = citizens.get('hoa') as Citizen;
  hoa.account = ctx.em.getReference(Account, citizenAccountId);
  hoa.phone = '0912345678';
  const households = new Map<string, string>();
  for (const demo of HOUSEHOLDS) {
    const household = await services.households.create(ctx, { hamletId: (await unit(demo.hamlet)).id, name: demo.name, headId: (citizens.get(demo.head) as Citizen).id, validFrom: since });
    for (const member of demo.members) await services.households.addMember(ctx, household.id, (citizens.get(member) as Citizen).id, since);
    households.set(demo.head, household.id);
  }
  const longAn = await unit('27694');
  const clan = await services.clans.create(ctx, longAn.id, { name: 'Họ Nguyễn phường Long An', representativeId: (citizens.get('ba') as Citizen).id });
  for (const head of ['hoa', 'ba']) await services.clans.addHousehold(ctx, clan.id, households.get(head) as string, since);

  const school = await services.organisations.create(ctx, longAn.id, 'Trường THPT Tân An', OrganisationKind.SCHOOL);
  await services.organisations.addMember(ctx, school.id, (citizens.get('lan') as Citizen).id, OrganisationRole.LEARNER, since);
  await services.organisations.addMember(ctx, school.id, (citizens.get('thu') as Citizen).id, OrganisationRole.STAFF, since);
  const company = await services.organisations.create(ctx, longAn.id, 'Công ty TNHH May mặc Long An', OrganisationKind.ENTERPRISE);
  for (const key of ['hoa', 'minh']) await services.organisations.addMember(ctx, company.id, (citizens.get(key) as Citizen).id, OrganisationRole.STAFF, since);
  const digital = await ctx.em.findOne(Programme, { title: 'Kỹ năng số cho người cao tuổi' });
  const office = await ctx.em.findOne(Programme, { title: 'Tin học văn phòng' });
  const year = new Date().getUTCFullYear();
  if (office) await services.organisations.setMandatoryProgrammes(ctx, company.id, year, [office.id]);
  if (digital) await services.organisations.setMandatoryProgrammes(ctx, school.id, year, [digital.id]);
  await ctx.em.flush();
  return citizens;
}
