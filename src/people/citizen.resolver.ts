import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AdministrativeUnit } from '../catalogue/unit.entity';
import { unitById } from '../catalogue/unit.loaders';
import { AdministrativeUnitType } from '../catalogue/unit.types';
import type { RequestContext } from '../graphql/context';
import { labelOf } from '../graphql/labels';
import { registerNode } from '../graphql/node-registry';
import { mayReadCitizen } from './citizen-access';
import { Citizen } from './citizen.entity';
import { citizenById } from './citizen.loaders';
import { CitizenType } from './citizen.types';

registerNode('Citizen', Citizen, async (ctx, ids) => {
  const citizens = await citizenById(ctx).loadMany(ids);
  return citizens.map((citizen) => (citizen instanceof Citizen && mayReadCitizen(ctx.actor, citizen) ? citizen : null));
});

@Resolver(() => CitizenType)
export class CitizenResolver {
  @FieldResolver(() => String, { description: 'The gender, in the language of the request.' })
  genderLabel(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): string {
    return labelOf('Gender', citizen.gender, ctx.locale);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The occupational group, in the language of the request.' })
  occupationalGroupLabel(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): string | null {
    return citizen.occupationalGroup ? labelOf('OccupationalGroup', citizen.occupationalGroup, ctx.locale) : null;
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'Where the citizen lives: a hamlet, or a commune when the hamlet is not known.' })
  async residence(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(citizen.residence.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'National ID number (CCCD), shown only to the citizen and to assessors of their unit; null for anyone else or when not recorded.',
  })
  nationalId(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): string | null {
    if (!citizen.nationalIdSealed || !mayReadCitizen(ctx.actor, citizen)) return null;
    return ctx.services.nationalIds.open(citizen.nationalIdSealed);
  }
}
