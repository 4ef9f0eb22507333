import { isProvinceAdmin } from '../../core/actor';
import { Role } from '../../core/roles';
import type { UnitService } from '../../catalogue/units/unit.service';
import type { RequestContext } from '../../core/context';
import { ForbiddenError } from '../../core/errors';
import type { IdRow, Seek } from '../../infra/keyset';
import { countGroups, findGroupIds, type GroupQuery } from '../people.repository';

export type GroupTable = GroupQuery['table'];

/** Lists of households, clans (officials of their area) and organisations (public), by name. */
export class GroupListService {
  constructor(private readonly units: UnitService) {}

  async toQuery(ctx: RequestContext, table: GroupTable, filter: { unitId?: string | null; kinds?: string[] | null }): Promise<GroupQuery> {
    let scopePaths: string[] | null = null;
    if (table !== 'organisation' && !isProvinceAdmin(ctx.actor)) {
      scopePaths = ctx.actor?.grants.filter((grant) => grant.role === Role.ASSESSOR && grant.unitPath).map((grant) => grant.unitPath as string) ?? [];
      if (!scopePaths.length) throw new ForbiddenError('Only assessors and province admins list households and clans');
    }
    const unit = await this.units.getFilter(ctx, filter.unitId, 'filter.unitId');
    return { table, unitColumn: table === 'household' ? 'hamlet_id' : 'unit_id', scopePaths, unitPath: unit?.path ?? null, kinds: filter.kinds ?? null };
  }

  find(ctx: RequestContext, query: GroupQuery, seek: Seek): Promise<IdRow[]> {
    return findGroupIds(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: GroupQuery): Promise<number> {
    return countGroups(ctx.em, query);
  }
}
