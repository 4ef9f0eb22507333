import type { RequestContext } from '../../core/context';
import { byKeys } from '../../core/loaders';
import type { Institution } from './institution.entity';
import { findInstitutionsByIds, type InstitutionWithUnit } from './institution.repository';
import { unitById } from '../units/unit.loaders';

/** Institutions read with their units: the units go to the request's unit loader, so that `unit` costs no statement of its own. */
export function primeUnits<R extends InstitutionWithUnit>(ctx: RequestContext, rows: R[]): R[] {
  const units = unitById(ctx);
  for (const row of rows) units.prime(row.unit.id, row.unit);
  return rows;
}

export function institutionById(ctx: RequestContext) {
  return ctx.loaders.get<string, Institution | null>('institution.byId', async (ids) =>
    byKeys(
      ids,
      primeUnits(ctx, await findInstitutionsByIds(ctx.em, ids)).map((row) => row.institution),
      (institution) => institution.id,
    ),
  );
}
