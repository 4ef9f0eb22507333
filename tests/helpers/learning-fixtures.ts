import { randomBytes } from 'node:crypto';
import { Account } from '../../src/auth/account.entity';
import type { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import type { Programme } from '../../src/catalogue/programmes/programme.entity';
import { ProgrammeSession } from '../../src/catalogue/programmes/session.entity';
import type { RequestContext } from '../../src/core/context';
import { Citizen } from '../../src/people/citizens/citizen.entity';
import { Gender } from '../../src/people/people.enums';
import type { TestApi } from './test-api';
import { Role } from '../../src/core/roles';

let serial = 0;

/** A valid CCCD number of Long An (080) for a woman born in 1990, unique per call. */
export function nationalIdNumber(): string {
  serial += 1;
  return `080190${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(3, '0')}`.slice(0, 12);
}

/**
 * A citizen profile made with the ORM (registration lives in the people domain), optionally with
 * a signed-in account holding the CITIZEN role.
 */
export async function createCitizen(
  api: TestApi,
  residence: AdministrativeUnit,
  options: { withAccount?: boolean; nationalId?: string | null; phone?: string | null; fullName?: string } = {},
): Promise<{ citizen: Citizen; token: string | undefined; nationalId: string | null }> {
  const em = api.runtime.orm.em.fork();
  let token: string | undefined;
  let account: Account | null = null;
  if (options.withAccount ?? true) {
    const created = await api.account(Role.CITIZEN);
    token = created.token;
    account = em.getReference(Account, created.id);
  }
  const nationalId = options.nationalId === undefined ? nationalIdNumber() : options.nationalId;
  const citizen = em.create(Citizen, {
    account,
    fullName: options.fullName ?? `Người học ${randomBytes(2).toString('hex')}`,
    birthYear: 1990,
    gender: Gender.FEMALE,
    residence: em.getReference(residence.constructor as typeof AdministrativeUnit, residence.id),
    nationalIdDigest: nationalId ? api.runtime.services.nationalIds.digest(nationalId) : null,
    nationalIdSealed: nationalId ? api.runtime.services.nationalIds.seal(nationalId) : null,
    phone: options.phone ?? null,
  });
  await em.flush();
  return { citizen, token, nationalId };
}

/** Moves a session in time (scheduling refuses the past), to test attendance and check-in. */
export async function moveSession(api: TestApi, session: ProgrammeSession, startsAt: Date, hours = 2): Promise<void> {
  const endsAt = new Date(startsAt.getTime() + hours * 3_600_000);
  await api.runtime.orm.em.fork().nativeUpdate(ProgrammeSession, { id: session.id }, { startsAt, endsAt });
  // The caller's copy shows the times the database now holds.
  Object.assign(session, { startsAt, endsAt });
}

/** A session that is going on now (started an hour ago). */
export async function sessionNow(ctx: RequestContext, api: TestApi, programme: Programme, scheduleSession: (ctx: RequestContext, p: Programme, d: Date, h?: number) => Promise<ProgrammeSession>, hours = 2): Promise<ProgrammeSession> {
  const session = await scheduleSession(ctx, programme, new Date(Date.now() + 86_400_000), hours);
  await moveSession(api, session, new Date(Date.now() - 3_600_000), hours);
  return session;
}
