import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import type { Institution } from '../catalogue/institutions/institution.entity';
import { InstitutionType } from '../catalogue/institutions/institution.types';
import { unitById } from '../catalogue/units/unit.loaders';
import type { RoleGrant } from './account.entity';
import { staffByInstitution } from './account.loaders';
import { governsUnit, isStaffOf } from '../core/actor';
import { RoleGrantType } from './auth.types';

/** Who works at an institution: a field of Institution that lives with the accounts it lists. */
@Resolver(() => InstitutionType)
export class InstitutionStaffResolver {
  @FieldResolver(() => [RoleGrantType], {
    nullable: true,
    description: 'Its staff role grants (revoke one with `revokeRole`); null unless you are its staff, an assessor of its area or a province administrator.',
  })
  async staff(@Root() institution: Institution, @Ctx() ctx: RequestContext): Promise<RoleGrant[] | null> {
    if (!ctx.actor) return null;
    if (!isStaffOf(ctx.actor, institution.id)) {
      const unit = await unitById(ctx).load(institution.unit.id);
      if (!unit || !governsUnit(ctx.actor, unit.path)) return null;
    }
    return staffByInstitution(ctx).load(institution.id);
  }
}
