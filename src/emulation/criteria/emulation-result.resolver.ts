import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { Role } from '../../core/roles';
import { YearArg } from '../../graphql/year';
import { runMutation } from '../../graphql/user-error';
import { progressOf, toAttestationType } from '../../titles/engine/engine.resolver';
import { AttestIndicatorPayload, TitleProgressType } from '../../titles/engine/engine.types';
import { subjectOfGlobalId } from '../../titles/titles.types';
import { AttestEmulationItemInput } from './emulation-result.types';

@Resolver()
export class EmulationResultResolver {
  @Authorized()
  @Query(() => TitleProgressType, {
    nullable: true,
    description:
      "A collective's emulation checklist for a year (III.1 of the plan: the province, a district, a commune, an organisation) as the last titles run evaluated it, with each item's source and explanation and what is missing; readable like the collective's title progress (a unit's by every signed-in account, an organisation's by its members, assessors of its unit and province administrators). Null when not evaluated yet or no checklist is in force for the year.",
  })
  async emulationResult(
    @Arg('collectiveId', () => ID, { description: 'Global id of an AdministrativeUnit (province, district, commune) or an Organisation.' }) collectiveId: string,
    @YearArg('The calendar year.') year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<TitleProgressType | null> {
    const { kind, id } = subjectOfGlobalId(collectiveId);
    const subject = await ctx.services.emulation.results.collective(ctx, kind, id);
    return subject ? progressOf(ctx, subject, year) : null;
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => AttestIndicatorPayload, {
    description: "Records or changes an assessor's met / not met for an attested item of a collective's emulation checklist in the assessor's unit (or below) for a year; every change is kept with who made it and when.",
  })
  async attestEmulationItem(@Arg('input') input: AttestEmulationItemInput, @Ctx() ctx: RequestContext): Promise<AttestIndicatorPayload> {
    const { kind, id } = subjectOfGlobalId(input.collectiveId);
    const outcome = await runMutation(ctx, async (tx) => {
      const attestation = await ctx.services.emulation.results.attest(tx, kind, id, { year: input.year, indicatorCode: input.indicatorCode, met: input.met, note: input.note, evidenceKey: input.evidenceKey });
      const changes = await ctx.services.titles.attestations.changes(tx, [attestation.id]);
      await tx.em.populate(attestation, ['enteredBy']);
      return toAttestationType(attestation, changes);
    });
    return { attestation: outcome.result, errors: outcome.errors };
  }
}
