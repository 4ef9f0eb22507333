import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { ForbiddenError } from '../../core/errors';
import { labelOf } from '../../core/labels';
import { idOf, toGlobalId } from '../../graphql/global-id';
import { idConnection } from '../../graphql/id-connection';
import { registerNode } from '../../graphql/node-registry';
import { PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { CONTRIBUTOR_TYPES, idOfKind, RECIPIENT_TYPES } from '../global-id.types';
import { Contribution, ExternalContributor } from './contribution.entity';
import { contributorNameByKey, recipientNameByKey } from './contribution.loaders';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import { RecipientKind } from '../emulation.enums';
import { countContributions, findContributionIds, sumVerifiedContributions, type ContributionQuery } from './contribution.repository';
import {
  ContributionConnection,
  ContributionFilter,
  ContributionPayload,
  ContributionTotalsType,
  ContributionType,
  ExternalContributorPayload,
  ExternalContributorType,
  RecordContributionInput,
  RecordExternalContributorInput,
  VerifyContributionInput,
} from './contribution.types';
import type { ContributionTotals } from './contribution.repository';

registerNode('ExternalContributor', ExternalContributor, (ctx, ids) => ctx.em.find(ExternalContributor, { id: { $in: [...ids] } }).then((rows) => ids.map((id) => rows.find((row) => row.id === id) ?? null)));
registerNode('Contribution', Contribution, async (ctx, ids) => {
  const rows = await ctx.em.find(Contribution, { id: { $in: [...ids] } }, { populate: ['unit'] });
  return ids.map((id) => rows.find((row) => row.id === id && ctx.services.emulation.contributions.mayReadUnit(ctx, row.unit)) ?? null);
});

/** The query of a filter, refused unless the viewer reads the unit's contributions (or asks only for public totals). */
async function queryOf(ctx: RequestContext, filter: ContributionFilter, publicTotals: boolean): Promise<ContributionQuery> {
  const unit = await ctx.em.findOneOrFail(AdministrativeUnit, { id: idOf('AdministrativeUnit', filter.unitId) });
  const contributor = filter.contributorKind && filter.contributorId ? { kind: filter.contributorKind, id: idOfKind(CONTRIBUTOR_TYPES, filter.contributorKind, filter.contributorId) } : null;
  if (!(publicTotals && !contributor) && !ctx.services.emulation.contributions.mayReadUnit(ctx, unit)) {
    throw new ForbiddenError("Contributions are read by assessors of the recipient's area and the Departments");
  }
  return { withinPath: unit.path, year: filter.year ?? null, contributor };
}

/** The recipient as the name loader keys it. */
function recipientKey(contribution: Contribution): string {
  switch (contribution.recipientKind) {
    case RecipientKind.UNIT:
      return `UNIT:${contribution.unit.id}`;
    case RecipientKind.INSTITUTION:
      return `INSTITUTION:${contribution.institution?.id ?? ''}`;
    case RecipientKind.FUND:
      return `FUND:${contribution.fund?.id ?? ''}`;
  }
}

@Resolver(() => ContributionType)
export class ContributionResolver {
  @Authorized()
  @Query(() => ContributionConnection, { description: "Contributions received within a unit, latest day first: for assessors of the unit's area and the Departments." })
  async contributions(@Arg('filter') filter: ContributionFilter, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Contribution>> {
    const query = await queryOf(ctx, filter, false);
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'contributions:DAY',
      fetch: (seek) => findContributionIds(ctx.em, query, seek),
      count: () => countContributions(ctx.em, query),
      load: async (ids) => {
        const rows = await ctx.em.find(Contribution, { id: { $in: ids } });
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      },
    });
  }

  @Query(() => ContributionTotalsType, {
    description: 'Totals of verified contributions received within a unit (and a year): public for a unit; per contributor for assessors of the area and the Departments.',
  })
  async contributionTotals(@Arg('filter') filter: ContributionFilter, @Ctx() ctx: RequestContext): Promise<ContributionTotals> {
    return sumVerifiedContributions(ctx.em, await queryOf(ctx, filter, true));
  }

  @Authorized()
  @Mutation(() => ExternalContributorPayload, { description: 'Records a contributor from outside the platform (assessors, institution staff, officers of bodies, the Departments).' })
  async recordExternalContributor(@Arg('input') input: RecordExternalContributorInput, @Ctx() ctx: RequestContext): Promise<ExternalContributorPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.emulation.contributions.recordExternalContributor(tx, input));
    return { contributor: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => ContributionPayload, { description: "Records a contribution on the recipient's side: an assessor of its area, staff of the institution, an officer of the fund's body. It counts once verified." })
  async recordContribution(@Arg('input') input: RecordContributionInput, @Ctx() ctx: RequestContext): Promise<ContributionPayload> {
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.emulation.contributions.record(tx, {
        ...input,
        valueVnd: input.valueVnd ?? null,
        hours: input.hours ?? null,
        evidenceKeys: input.evidenceKeys ?? null,
        contributorId: idOfKind(CONTRIBUTOR_TYPES, input.contributorKind, input.contributorId),
        recipientId: idOfKind(RECIPIENT_TYPES, input.recipientKind, input.recipientId),
      }),
    );
    return { contribution: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => ContributionPayload, { description: "Verifies a contribution: an assessor of the recipient's area, staff of the recipient institution, an officer of the fund's body. Idempotent." })
  async verifyContribution(@Arg('input') input: VerifyContributionInput, @Ctx() ctx: RequestContext): Promise<ContributionPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.emulation.contributions.verify(tx, idOf('Contribution', input.id)));
    return { contribution: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'Global id of the contributor (a Citizen, Household, Clan, Organisation or ExternalContributor).' })
  contributorId(@Root() contribution: Contribution): string {
    return toGlobalId(CONTRIBUTOR_TYPES[contribution.contributorKind], contribution.contributorId);
  }

  @FieldResolver(() => String, { description: "The contributor's name." })
  contributorName(@Root() contribution: Contribution, @Ctx() ctx: RequestContext): Promise<string> {
    return contributorNameByKey(ctx).load(`${contribution.contributorKind}:${contribution.contributorId}`);
  }

  @FieldResolver(() => String, { description: "The recipient's name: the unit, the institution, or the body keeping the fund." })
  recipientName(@Root() contribution: Contribution, @Ctx() ctx: RequestContext): Promise<string> {
    return recipientNameByKey(ctx).load(recipientKey(contribution));
  }

  @FieldResolver(() => AdministrativeUnitType, { nullable: true, description: "The recipient's unit." })
  unit(@Root() contribution: Contribution, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(contribution.unit.id);
  }

  @FieldResolver(() => String, { description: 'What was contributed, in the language of the request.' })
  kindLabel(@Root() contribution: Contribution, @Ctx() ctx: RequestContext): string {
    return labelOf('ContributionKind', contribution.kind, ctx.locale);
  }
}

@Resolver(() => ExternalContributorType)
export class ExternalContributorResolver {
  @FieldResolver(() => String, { description: 'What the contributor is, in the language of the request.' })
  kindLabel(@Root() contributor: ExternalContributor, @Ctx() ctx: RequestContext): string {
    return labelOf('ExternalContributorKind', contributor.kind, ctx.locale);
  }
}
