import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Account } from '../auth/account.entity';
import { accountById } from '../auth/account.loaders';
import { AccountType } from '../auth/auth.types';
import type { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { unitById } from '../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../catalogue/units/unit.types';
import type { RequestContext } from '../core/context';
import { labelOf } from '../core/labels';
import { orNull } from '../core/loaders';
import { Role } from '../core/roles';
import { idOf } from '../graphql/global-id';
import { idConnection } from '../graphql/id-connection';
import { registerNode } from '../graphql/node-registry';
import { PageArgs, type Connection } from '../graphql/relay';
import { runMutation, type MutationOutcome } from '../graphql/user-error';
import { Body } from './body.entity';
import type { BodyFields } from './body.service';
import { bodyById, officersByBody } from './body.loaders';
import { BodyConnection, BodyFilter, BodyInput, BodyOfficerInput, BodyPayload, BodyType, UpdateBodyInput } from './body.types';

registerNode('Body', Body, (ctx, ids) => bodyById(ctx).loadMany(ids).then(orNull));

function payload(outcome: MutationOutcome<Body>): BodyPayload {
  return { body: outcome.result, errors: outcome.errors };
}

function fieldsOf(input: BodyInput): BodyFields {
  return {
    name: input.name,
    shortName: input.shortName,
    kind: input.kind,
    unitId: idOf('AdministrativeUnit', input.unitId),
    superiorId: input.superiorId ? idOf('Body', input.superiorId) : null,
  };
}

@Resolver(() => BodyType)
export class BodyResolver {
  @Query(() => BodyConnection, { description: "Bodies that report and propose commendations (People's Committees, departments, the Fatherland Front, organisations), by name." })
  async bodies(@Arg('filter', () => BodyFilter, { nullable: true }) filter: BodyFilter | null, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Body>> {
    const query = await ctx.services.bodies.toQuery(ctx, { kinds: filter?.kinds, unitId: filter?.unitId ? idOf('AdministrativeUnit', filter.unitId) : null, search: filter?.search });
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'bodies:NAME',
      fetch: (seek) => ctx.services.bodies.find(ctx, query, seek),
      count: () => ctx.services.bodies.count(ctx, query),
      load: (ids) => bodyById(ctx).loadMany(ids),
    });
  }

  @Authorized()
  @Query(() => [BodyType], { description: 'The bodies you act for (prepare reports and proposals of), by name.' })
  async myBodies(@Ctx() ctx: RequestContext): Promise<Body[]> {
    const bodies = orNull(await bodyById(ctx).loadMany(await ctx.services.bodies.bodyIdsOf(ctx)));
    return bodies.filter((body): body is Body => body !== null).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => BodyPayload, { description: 'Records a body (province administrators).' })
  async createBody(@Arg('input') input: BodyInput, @Ctx() ctx: RequestContext): Promise<BodyPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.bodies.create(tx, fieldsOf(input))));
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => BodyPayload, { description: "Changes a body's name, abbreviation, kind, unit or superior (province administrators)." })
  async updateBody(@Arg('input') input: UpdateBodyInput, @Ctx() ctx: RequestContext): Promise<BodyPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.bodies.update(tx, idOf('Body', input.id), fieldsOf(input))));
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => BodyPayload, { description: 'Lets an account act for a body: prepare and submit its reports and proposals. Idempotent.' })
  async appointBodyOfficer(@Arg('input') input: BodyOfficerInput, @Ctx() ctx: RequestContext): Promise<BodyPayload> {
    return payload(
      await runMutation(ctx, async (tx) => (await ctx.services.bodies.appointOfficer(tx, idOf('Body', input.bodyId), idOf('Account', input.accountId))).body),
    );
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => BodyPayload, { description: 'An account stops acting for a body. Idempotent.' })
  async removeBodyOfficer(@Arg('input') input: BodyOfficerInput, @Ctx() ctx: RequestContext): Promise<BodyPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.bodies.removeOfficer(tx, idOf('Body', input.bodyId), idOf('Account', input.accountId))));
  }

  @FieldResolver(() => String, { description: 'The kind, in the language of the request.' })
  kindLabel(@Root() body: Body, @Ctx() ctx: RequestContext): string {
    return labelOf('BodyKind', body.kind, ctx.locale);
  }

  @FieldResolver(() => AdministrativeUnitType, { nullable: true, description: 'The unit it serves.' })
  async unit(@Root() body: Body, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(body.unit.id);
  }

  @FieldResolver(() => BodyType, { nullable: true, description: 'The body it answers to.' })
  async superior(@Root() body: Body, @Ctx() ctx: RequestContext): Promise<Body | null> {
    return body.superior ? bodyById(ctx).load(body.superior.id) : null;
  }

  @FieldResolver(() => [AccountType], { description: 'The accounts acting for it; visible to them and to province administrators, empty for anyone else.' })
  async officers(@Root() body: Body, @Ctx() ctx: RequestContext): Promise<Account[]> {
    if (!(await ctx.services.bodies.actsFor(ctx, body.id))) return [];
    const officers = await officersByBody(ctx).load(body.id);
    return orNull(await accountById(ctx).loadMany(officers.map((officer) => officer.account.id))).filter((account): account is Account => account !== null);
  }
}
