import type { Body } from '../../src/bodies/body.entity';
import { BodyKind } from '../../src/bodies/body.enums';
import type { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import type { RequestContext } from '../../src/core/context';

/** A body of a unit, recorded by the province admin of `ctx`. */
export async function createBody(
  ctx: RequestContext,
  unit: AdministrativeUnit,
  name: string,
  options: { kind?: BodyKind; shortName?: string; superior?: Body | null } = {},
): Promise<Body> {
  return ctx.services.bodies.create(ctx, { name, shortName: options.shortName ?? 'UBND', kind: options.kind ?? BodyKind.PEOPLES_COMMITTEE, unitId: unit.id, superiorId: options.superior?.id ?? null });
}

/** Makes an account an officer of the body. */
export async function appointOfficer(ctx: RequestContext, body: Body, accountId: string): Promise<void> {
  await ctx.services.bodies.appointOfficer(ctx, body.id, accountId);
}
