import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { labelOf } from '../../core/labels';
import { Role } from '../../core/roles';
import { idOf } from '../../graphql/global-id';
import { idConnection } from '../../graphql/id-connection';
import { PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { HonourRollEntryKind } from '../emulation.enums';
import { countHonourRoll, findHonourRoll, type HonourRollEntry, type HonourRollQuery } from './honour-roll.repository';
import { HonourRollConnection, HonourRollConsentInput, HonourRollConsentPayload, HonourRollEntryType, HonourRollFilter } from './honour-roll.types';

@Resolver(() => HonourRollEntryType)
export class HonourRollResolver {
  @Query(() => HonourRollConnection, {
    description: 'The public honour roll: commended collectives and people, and recognised titles, latest decision first. Citizens (and households through their head) appear only with their consent.',
  })
  async honourRoll(@Arg('filter', () => HonourRollFilter, { nullable: true }) filter: HonourRollFilter | null, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<HonourRollEntry>> {
    const unit = filter?.unitId ? await ctx.em.findOneOrFail(AdministrativeUnit, { id: idOf('AdministrativeUnit', filter.unitId) }) : null;
    const query: HonourRollQuery = { withinPath: unit?.path ?? null, year: filter?.year ?? null };
    const fetched = new Map<string, HonourRollEntry>();
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'honour-roll:DECISION',
      fetch: async (seek) => {
        const rows = await findHonourRoll(ctx.em, query, seek);
        for (const row of rows) fetched.set(row.id, row);
        return rows;
      },
      count: () => countHonourRoll(ctx.em, query),
      load: (ids) => Promise.resolve(ids.map((id) => fetched.get(id) ?? null)),
    });
  }

  @Authorized(Role.CITIZEN)
  @Mutation(() => HonourRollConsentPayload, { description: 'Gives or withdraws your consent to be named (name, unit, achievement) on the public honour roll. Idempotent.' })
  async setHonourRollConsent(@Arg('input') input: HonourRollConsentInput, @Ctx() ctx: RequestContext): Promise<HonourRollConsentPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.emulation.honourRoll.setConsent(tx, input.consent));
    return { consent: outcome.errors.length ? false : input.consent, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The achievement, in the language of the request: the form of commendation and round, or the title.' })
  achievement(@Root() entry: HonourRollEntry, @Ctx() ctx: RequestContext): string {
    if (entry.entryKind === HonourRollEntryKind.TITLE) return `${labelOf('TitleKind', entry.achievementCode, ctx.locale)} ${entry.year}`;
    const form = ctx.locale === 'en' ? entry.formNameEn : entry.formNameVi;
    return `${form ?? entry.achievementCode} – ${labelOf('CommendationRoundKind', entry.roundKind ?? '', ctx.locale)}${entry.roundKind === 'ANNUAL' ? ` ${entry.year}` : ''}`;
  }

  @FieldResolver(() => String, { description: 'Who is named, in the language of the request.' })
  subjectKindLabel(@Root() entry: HonourRollEntry, @Ctx() ctx: RequestContext): string {
    return labelOf('HonourRollSubjectKind', entry.subjectKind, ctx.locale);
  }
}
