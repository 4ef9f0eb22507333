import type { RequestContext } from '../../core/context';
import { byKeys } from '../../core/loaders';
import type { Institution } from './institution.entity';
import { findInstitutionsByIds, type InstitutionWithUnit } from './institution.repository';
import { unitById } from '../units/unit.loaders';

/**
 * Institutions read with their units go to the request's loaders, so that neither their `unit`
 * nor a nested `institution` of theirs (a session's programme's) costs a statement of its own.
 */
export function keepLoaded<R extends InstitutionWithUnit>(ctx: RequestContext, rows: R[]): R[] {
  const institutions = institutionById(ctx);
  const units = unitById(ctx);
  for (const row of rows) {
    institutions.prime(row.institution.id, row.institution);
    units.prime(row.unit.id, row.unit);
  }
  return rows;
}

export function institutionById(ctx: RequestContext) {
  return ctx.loaders.get<string, Institution | null>('institution.byId', async (ids) =>
    byKeys(
      ids,
      keepLoaded(ctx, await findInstitutionsByIds(ctx.em, ids)).map((row) => row.institution),
      (institution) => institution.id,
    ),
  );
}
