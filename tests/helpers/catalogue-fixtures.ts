import type { RequestContext } from '../../src/core/context';
import { InstitutionKind, ProgrammeFormat, ProgrammeKind, Topic } from '../../src/catalogue/catalogue.enums';
import type { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import type { Programme } from '../../src/catalogue/programmes/programme.entity';
import type { ProgrammeSession } from '../../src/catalogue/programmes/session.entity';
import { toGlobalId } from '../../src/graphql/global-id';

/** A small real slice: the new province, two wards, and the old province with a ward that became one of them. */
export const UNITS_CSV = [
  'code,name,level,parent_code,valid_from,valid_to,successor_code',
  '80,Tỉnh Long An,PROVINCE,,,2025-06-30,80',
  '794,Thành phố Tân An,DISTRICT,80,,2025-06-30,',
  '27694,Phường 1,COMMUNE,794,,2025-06-30,27694',
  '80,Tỉnh Tây Ninh,PROVINCE,,2025-07-01,,',
  '27694,Phường Long An,COMMUNE,80,2025-07-01,,',
  '27712,Phường Tân An,COMMUNE,80,2025-07-01,,',
].join('\n');

export interface UnitsFixture {
  province: AdministrativeUnit;
  longAn: AdministrativeUnit;
  tanAn: AdministrativeUnit;
}

export async function seedUnits(ctx: RequestContext): Promise<UnitsFixture> {
  const report = await ctx.services.unitImport.importCsv(ctx.em.fork(), UNITS_CSV);
  if (report.rejected.length) throw new Error(`fixture units rejected: ${JSON.stringify(report.rejected)}`);
  const find = async (code: string) => {
    const unit = await ctx.services.units.findByCode(ctx, code, null);
    if (!unit) throw new Error(`fixture unit ${code} missing`);
    return unit;
  };
  return { province: await find('80'), longAn: await find('27694'), tanAn: await find('27712') };
}

export function institutionFields(name: string, overrides: Partial<Institution> = {}) {
  return { name, kind: InstitutionKind.LIBRARY, latitude: 10.5363, longitude: 106.4109, ...overrides } as {
    name: string;
    kind: InstitutionKind;
    latitude: number | null;
    longitude: number | null;
  };
}

export async function createInstitution(ctx: RequestContext, unit: AdministrativeUnit, name: string, overrides: Partial<Institution> = {}): Promise<Institution> {
  return ctx.services.institutions.create(ctx, unit.id, institutionFields(name, overrides));
}

export async function createProgramme(
  ctx: RequestContext,
  institution: Institution,
  title: string,
  options: { publish?: boolean; topics?: Topic[]; kind?: ProgrammeKind; format?: ProgrammeFormat; description?: string } = {},
): Promise<Programme> {
  const programme = await ctx.services.programmes.create(ctx, institution.id, {
    title,
    description: options.description ?? null,
    kind: options.kind ?? ProgrammeKind.COURSE,
    topics: options.topics ?? [Topic.DIGITAL_SKILLS],
    format: options.format ?? ProgrammeFormat.IN_PERSON,
  });
  if (options.publish ?? true) await ctx.services.programmes.publish(ctx, programme.id);
  return programme;
}

export async function scheduleSession(ctx: RequestContext, programme: Programme, startsAt: Date, hours = 2): Promise<ProgrammeSession> {
  const [session] = await ctx.services.sessions.schedule(ctx, programme.id, {
    startsAt,
    endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
    creditedHours: hours,
  });
  return session as ProgrammeSession;
}

export function gid(typeName: string, id: string): string {
  return toGlobalId(typeName, id);
}

export function daysFromNow(days: number, hour = 8): Date {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date;
}
