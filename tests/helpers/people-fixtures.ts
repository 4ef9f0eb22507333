import type { RequestContext } from '../../src/core/context';
import type { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import type { Citizen } from '../../src/people/citizens/citizen.entity';
import { Gender } from '../../src/people/people.enums';
import type { TestApi } from './test-api';
import { seedUnits, type UnitsFixture } from './catalogue-fixtures';

export interface PeopleFixture extends UnitsFixture {
  /** Khu phố 1 and Khu phố 2 of Phường Long An, Khu phố 1 of Phường Tân An. */
  longAnKp1: AdministrativeUnit;
  longAnKp2: AdministrativeUnit;
  tanAnKp1: AdministrativeUnit;
}

export async function seedPeopleUnits(ctx: RequestContext): Promise<PeopleFixture> {
  const units = await seedUnits(ctx);
  const hamlet = (commune: AdministrativeUnit, code: string) => ctx.services.units.createHamlet({ ...ctx, em: ctx.em.fork() }, { communeId: commune.id, code, name: `Khu phố ${code}` });
  return { ...units, longAnKp1: await hamlet(units.longAn, 'KP1'), longAnKp2: await hamlet(units.longAn, 'KP2'), tanAnKp1: await hamlet(units.tanAn, 'KP1') };
}

let serial = 0;

/** A national ID number that passes checkNationalId for the birth year and gender, different at each call. */
export function nationalIdFor(birthYear: number, gender: Gender, province = '080'): string {
  serial += 1;
  const century = Math.floor((birthYear - 1900) / 100) * 2 + (gender === Gender.FEMALE ? 1 : 0);
  return `${province}${century}${String(birthYear % 100).padStart(2, '0')}${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(3, '0')}`;
}

/** Registers a citizen as the given (admin) context, in its own transaction. */
export async function registerCitizen(
  ctx: RequestContext,
  residence: AdministrativeUnit,
  fields: Partial<{ fullName: string; birthYear: number; gender: Gender; nationalId: string | null; phone: string | null }> = {},
): Promise<Citizen> {
  const birthYear = fields.birthYear ?? 1990;
  const gender = fields.gender ?? Gender.FEMALE;
  const em = ctx.em.fork();
  return em.transactional((tx) =>
    ctx.services.citizens.register(
      { ...ctx, em: tx },
      {
        fullName: fields.fullName ?? 'Nguyễn Thị Test',
        birthYear,
        gender,
        nationalId: fields.nationalId === undefined ? nationalIdFor(birthYear, gender) : fields.nationalId,
        phone: fields.phone ?? null,
        residenceId: residence.id,
      },
    ),
  );
}

/** Links a citizen profile to an account (what sign-up or a claim does), for arranging tests. */
export async function linkAccount(api: TestApi, citizenId: string, accountId: string): Promise<void> {
  await api.runtime.orm.em.fork().execute('update citizen set account_id = ? where id = ?', [accountId, citizenId]);
}

/** A household in a hamlet with a head and members, all moved in on `since`. */
export async function createHousehold(ctx: RequestContext, hamlet: AdministrativeUnit, name: string, head: Citizen, members: Citizen[] = [], since = '2024-01-01') {
  const em = ctx.em.fork();
  return em.transactional(async (tx) => {
    const tctx = { ...ctx, em: tx };
    const household = await ctx.services.households.create(tctx, { hamletId: hamlet.id, name, headId: head.id, validFrom: since });
    for (const member of members) await ctx.services.households.addMember(tctx, household.id, member.id, since);
    return household;
  });
}
