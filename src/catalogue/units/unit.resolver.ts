import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { orNull } from '../../core/loaders';
import { registerNode } from '../../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection, type Edge } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { runMutation } from '../../graphql/user-error';
import { Role } from '../../core/roles';
import { todayInVietnam } from '../../core/time';
import { AdministrativeUnit } from './unit.entity';
import { unitById, unitChildren } from './unit.loaders';
import {
  AdministrativeUnitConnection,
  AdministrativeUnitFilter,
  AdministrativeUnitPayload,
  AdministrativeUnitType,
  CreateHamletInput,
  ImportAdministrativeUnitsInput,
  ImportAdministrativeUnitsPayload,
  UpdateAdministrativeUnitInput,
} from './unit.types';

registerNode('AdministrativeUnit', AdministrativeUnit, (ctx, ids) => unitById(ctx).loadMany(ids).then(orNull));

@Resolver(() => AdministrativeUnitType)
export class UnitResolver {
  @Query(() => AdministrativeUnitType, { nullable: true, description: 'The unit with this official code on a day (today by default); codes are reused across the 2025 reform.' })
  async administrativeUnit(
    @Arg('code', { description: 'Official code, e.g. "80" or "27694".' }) code: string,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'The day; today in Vietnam by default.' }) validOn: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AdministrativeUnit | null> {
    return ctx.services.units.findByCode(ctx, code, validOn);
  }

  @Query(() => AdministrativeUnitConnection, { description: 'Administrative units, by name or by relevance when searching.' })
  async administrativeUnits(
    @Arg('filter', () => AdministrativeUnitFilter, { nullable: true }) filter: AdministrativeUnitFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<AdministrativeUnit>> {
    const query = await ctx.services.units.toQuery(ctx, {
      ...filter,
      withinId: filter?.withinId ? idOf('AdministrativeUnit', filter.withinId) : null,
    });
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `units:${query.search ? 'RELEVANCE' : 'NAME'}`,
      fetch: (seek) => ctx.services.units.find(ctx, query, seek),
      keyOf: (row) => [row.sortKey, row.unit.id],
      edge: (row, cursor): Edge<AdministrativeUnit> => ({ cursor, node: row.unit }),
      count: () => ctx.services.units.count(ctx, query),
    });
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => ImportAdministrativeUnitsPayload, {
    description: 'Imports official administrative units from CSV (province administrators). Idempotent: importing a file again changes nothing.',
  })
  async importAdministrativeUnits(@Arg('input') input: ImportAdministrativeUnitsInput, @Ctx() ctx: RequestContext): Promise<ImportAdministrativeUnitsPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.unitImport.importCsv(tx.em, input.csv, ctx.locale));
    return { report: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => AdministrativeUnitPayload, { description: 'Creates a hamlet or residential quarter under a commune of your area.' })
  async createHamlet(@Arg('input') input: CreateHamletInput, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitPayload> {
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.units.createHamlet(tx, { ...input, communeId: idOf('AdministrativeUnit', input.communeId) }),
    );
    return { unit: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => AdministrativeUnitPayload, { description: 'Renames a hamlet or sets whether a unit of your area is disadvantaged.' })
  async updateAdministrativeUnit(@Arg('input') input: UpdateAdministrativeUnitInput, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.units.update(tx, { ...input, id: idOf('AdministrativeUnit', input.id) }));
    return { unit: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The level, in the language of the request.' })
  levelLabel(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext): string {
    return labelOf('UnitLevel', unit.level, ctx.locale);
  }

  @FieldResolver(() => AdministrativeUnitType, { nullable: true, description: 'The unit above; null for a province.' })
  async parent(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unit.parent ? unitById(ctx).load(unit.parent.id) : null;
  }

  @FieldResolver(() => AdministrativeUnitType, { nullable: true, description: 'The unit that took this one over after a merger or reform.' })
  async successor(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unit.successor ? unitById(ctx).load(unit.successor.id) : null;
  }

  @FieldResolver(() => [AdministrativeUnitType], { description: 'Units directly under this one, by name.', complexity: ({ childComplexity }) => 1 + 50 * childComplexity })
  async children(
    @Root() unit: AdministrativeUnit,
    @Arg('validOn', () => DateScalar, { nullable: true, description: 'Only children valid on this day; today by default.' }) validOn: string | null,
    @Arg('includeHistoric', () => Boolean, { nullable: true, description: 'All children of every period; validOn is then ignored.' }) includeHistoric: boolean | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AdministrativeUnit[]> {
    return unitChildren(ctx, includeHistoric ? null : (validOn ?? todayInVietnam())).load(unit.id);
  }

  @FieldResolver(() => [AdministrativeUnitType], { description: 'The units above this one, from the province down to its parent.' })
  async ancestors(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit[]> {
    const ids = unit.path.split('/').filter((id) => id && id !== unit.id);
    return orNull(await unitById(ctx).loadMany(ids)).filter((u): u is AdministrativeUnit => u !== null);
  }
}
