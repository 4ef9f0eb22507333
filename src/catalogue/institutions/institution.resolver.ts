import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { orNull } from '../../core/loaders';
import { registerNode } from '../../graphql/node-registry';
import { selectsField } from '../../graphql/selection';
import { keysetConnection, PageArgs, pageSize, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { Role } from '../../core/roles';
import type { Seek } from '../../infra/keyset';
import { ProgrammeStatus } from '../catalogue.enums';
import { Institution } from './institution.entity';
import { institutionById, keepLoaded } from './institution.loaders';
import {
  CreateInstitutionInput,
  InstitutionConnection,
  InstitutionFilter,
  InstitutionOrder,
  InstitutionPayload,
  InstitutionType,
  UpdateInstitutionInput,
} from './institution.types';
import { programmeCountOfInstitution, programmesOfInstitution, sessionsOfParent } from '../programmes/programme.loaders';
import type { Programme } from '../programmes/programme.entity';
import { ProgrammeConnection, ProgrammeSessionType } from '../programmes/programme.types';
import type { ProgrammeSession } from '../programmes/session.entity';
import { AdministrativeUnitType } from '../units/unit.types';
import type { AdministrativeUnit } from '../units/unit.entity';
import { unitById } from '../units/unit.loaders';

registerNode('Institution', Institution, (ctx, ids) => institutionById(ctx).loadMany(ids).then(orNull));

export interface InstitutionEdgeValue {
  cursor: string;
  node: Institution;
  distanceKm: number | null;
}

export function metresToKm(metres: number | null): number | null {
  return metres === null ? null : Math.round(metres) / 1000;
}

@Resolver(() => InstitutionType)
export class InstitutionResolver {
  @Query(() => InstitutionConnection, { description: 'Find institutions: by area, kind, free text, or near a point. No sign-in needed.' })
  async institutions(
    @Arg('filter', () => InstitutionFilter, { nullable: true }) filter: InstitutionFilter | null,
    @Arg('orderBy', () => InstitutionOrder, { nullable: true, description: 'Order; see InstitutionOrder for the default.' }) orderBy: InstitutionOrder | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Institution, InstitutionEdgeValue>> {
    const query = await ctx.services.institutions.toQuery(
      ctx,
      { ...filter, unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null },
      orderBy,
    );
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `institutions:${query.sort}`,
      fetch: async (seek) => keepLoaded(ctx, await ctx.services.institutions.find(ctx, query, seek, selectsField(info, 'totalCount'))),
      keyOf: (row) => [row.sortKey, row.institution.id],
      edge: (row, cursor) => ({ cursor, node: row.institution, distanceKm: metresToKm(row.distanceMetres) }),
      count: () => ctx.services.institutions.count(ctx, query),
      totalOf: (row) => row.total,
    });
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => InstitutionPayload, { description: 'Adds an institution to a unit of your area (assessors and province administrators).' })
  async createInstitution(@Arg('input') input: CreateInstitutionInput, @Ctx() ctx: RequestContext): Promise<InstitutionPayload> {
    const { unitId, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) => ctx.services.institutions.create(tx, idOf('AdministrativeUnit', unitId), fields));
    return { institution: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => InstitutionPayload, { description: 'Changes an institution: its own staff, assessors of its area and province administrators.' })
  async updateInstitution(@Arg('input') input: UpdateInstitutionInput, @Ctx() ctx: RequestContext): Promise<InstitutionPayload> {
    const { id, unitId, ...fields } = input;
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.institutions.update(tx, idOf('Institution', id), fields, unitId ? idOf('AdministrativeUnit', unitId) : null),
    );
    return { institution: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The kind, in the language of the request.' })
  kindLabel(@Root() institution: Institution, @Ctx() ctx: RequestContext): string {
    return labelOf('InstitutionKind', institution.kind, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() institution: Institution, @Ctx() ctx: RequestContext): string {
    return labelOf('InstitutionStatus', institution.status, ctx.locale);
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'The administrative unit it is in.' })
  async unit(@Root() institution: Institution, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(institution.unit.id);
  }

  @FieldResolver(() => [ProgrammeSessionType], { description: 'Its next sessions of published programmes, soonest first.' })
  async upcomingSessions(
    @Root() institution: Institution,
    @Arg('first', () => Int, { defaultValue: 3, description: 'How many, at most 20.' }) first: number,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProgrammeSession[]> {
    const options = { parentColumn: 'institution_id' as const, from: ctx.now, includeCancelled: false, publishedOnly: true };
    const seek: Seek = { direction: 'forward', position: null, limit: pageSize(first, 20) };
    const rows = await sessionsOfParent(ctx, options, seek, selectsField(info, 'programme')).load(institution.id);
    return rows.map((row) => row.session);
  }

  @FieldResolver(() => ProgrammeConnection, { description: 'Its programmes, newest first (drafts only for its staff).' })
  async programmes(
    @Root() institution: Institution,
    @Arg('statuses', () => [ProgrammeStatus], { nullable: true, description: 'Only these statuses; PUBLISHED by default.' }) statuses: ProgrammeStatus[] | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Programme>> {
    const wanted = statuses?.length ? [...statuses].sort() : [ProgrammeStatus.PUBLISHED];
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `institution.programmes:${wanted.join(',')}`,
      fetch: (seek) => programmesOfInstitution(ctx, wanted, seek, selectsField(info, 'totalCount')).load(institution.id),
      keyOf: (row) => [row.createdAt.toISOString(), row.programme.id],
      edge: (row, cursor) => ({ cursor, node: row.programme, distanceKm: null }),
      count: () => programmeCountOfInstitution(ctx, wanted).load(institution.id),
      totalOf: (row) => row.total,
    });
  }
}
