import { Account } from '../../auth/account.entity';
import { governsUnit } from '../../core/actor';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { TitleAttestation, TitleAttestationAudit, type AttestationValue } from './attestation.entity';
import { rulesetForYear } from '../engine/criteria';
import { checkYear } from './progress.service';
import { TitleDefinition, TitleIndicator } from '../rulesets/ruleset.entity';
import type { SubjectKind } from '../engine/engine.enums';
import { resolveSubject, type ResolvedSubject } from '../subject-units';
import { IndicatorSource, PassRuleKind, type TitleKind } from '../titles.enums';

export interface AttestationFields {
  year: number;
  indicatorCode: string;
  score?: number | null;
  met?: boolean | null;
  note?: string | null;
  evidenceKey?: string | null;
}

const valueOf = (attestation: TitleAttestation): AttestationValue => ({
  score: attestation.score,
  met: attestation.met,
  note: attestation.note,
  evidenceKey: attestation.evidenceKey,
});

/** Assessors' entries for attested indicators, each change audited (who, when, old → new). */
export class AttestationService {
  /**
   * Transactional, idempotent for the same entry. Records (or changes) an assessor's entry for an
   * ATTESTED or AUTO_OR_ATTESTED indicator of a subject in the assessor's subtree; of the subject's
   * own title, or of the definition `titleKind` names (a collective's COLLECTIVE_EMULATION).
   */
  async attest(ctx: RequestContext, kind: SubjectKind, subjectId: string, fields: AttestationFields, titleKind?: TitleKind): Promise<TitleAttestation> {
    const resolved = await resolveSubject(ctx.em, kind, subjectId);
    if (!resolved) throw new NotFoundError('The subject');
    const subject = titleKind ? { ...resolved, titleKind } : resolved;
    if (!governsUnit(ctx.actor, subject.unitPath)) throw new ForbiddenError('Only assessors whose unit contains the subject, and province administrators, enter attested indicators');
    checkYear(ctx, fields.year);
    const value = await this.checkedValue(ctx, subject, fields);
    const key = { subjectKind: subject.kind, subjectId: subject.id, titleKind: subject.titleKind, unitLevel: subject.unitLevel, indicatorCode: fields.indicatorCode, year: fields.year };
    const existing = await ctx.em.findOne(TitleAttestation, key);
    // A key already on the attestation stays whoever uploaded it; a new one must be the actor's completed upload.
    if (value.evidenceKey && value.evidenceKey !== existing?.evidenceKey) await ctx.services.evidenceUploads.requireCompleted(ctx, [value.evidenceKey], 'evidenceKey');
    const before = existing ? valueOf(existing) : null;
    if (before && JSON.stringify(before) === JSON.stringify(value)) return existing as TitleAttestation;
    const enteredBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    const unit = ctx.em.getReference(AdministrativeUnit, subject.unitId);
    const attestation = existing ?? ctx.em.create(TitleAttestation, { ...key, unit, ...value, enteredBy });
    Object.assign(attestation, value, { enteredBy, unit });
    ctx.em.create(TitleAttestationAudit, { attestation, changedBy: enteredBy, changedAt: ctx.now, before, after: value });
    await ctx.em.flush();
    return attestation;
  }

  /** A subject's attestations for a year, in the order of entry. The caller checks the actor may read the subject. */
  list(ctx: RequestContext, subject: ResolvedSubject, year: number): Promise<TitleAttestation[]> {
    return ctx.em.find(
      TitleAttestation,
      { subjectKind: subject.kind, subjectId: subject.id, titleKind: subject.titleKind, unitLevel: subject.unitLevel, year },
      { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['enteredBy'] },
    );
  }

  /** The audit trail of attestations, oldest change first. */
  changes(ctx: RequestContext, attestationIds: string[]): Promise<TitleAttestationAudit[]> {
    return ctx.em.find(TitleAttestationAudit, { attestation: { $in: attestationIds } }, { orderBy: { changedAt: 'asc', id: 'asc' }, populate: ['changedBy'] });
  }

  private async checkedValue(ctx: RequestContext, subject: ResolvedSubject, fields: AttestationFields): Promise<AttestationValue> {
    const ruleset = await rulesetForYear(ctx.em, fields.year, ctx.now);
    const definition = ruleset ? await ctx.em.findOne(TitleDefinition, { ruleset, kind: subject.titleKind, unitLevel: subject.unitLevel }) : null;
    const indicator = definition ? await ctx.em.findOne(TitleIndicator, { definition, code: fields.indicatorCode }) : null;
    if (!definition || !indicator) throw new UserInputError('INDICATOR_NOT_FOUND', ['indicatorCode'], { year: fields.year, indicator: fields.indicatorCode });
    if (indicator.source === IndicatorSource.AUTO) throw new UserInputError('INDICATOR_NOT_ATTESTED', ['indicatorCode'], { indicator: fields.indicatorCode });
    const score = fields.score ?? null;
    const met = fields.met ?? null;
    if (definition.passRule === PassRuleKind.POINTS) {
      if (score === null || met !== null) throw new UserInputError('SCORE_REQUIRED', ['score']);
      const max = indicator.maxScore ?? 0;
      if (!(score >= 0 && score <= max) || Math.round(score * 100) !== score * 100) {
        throw new UserInputError('SCORE_OUT_OF_RANGE', ['score'], { max });
      }
    } else if (met === null || score !== null) {
      throw new UserInputError('MET_REQUIRED', ['met']);
    }
    const note = fields.note?.trim() || null;
    if (note && note.length > 2000) throw new UserInputError('NOTE_TOO_LONG', ['note']);
    const evidenceKey = fields.evidenceKey?.trim() || null;
    if (evidenceKey && evidenceKey.length > 500) throw new UserInputError('EVIDENCE_KEY_TOO_LONG', ['evidenceKey']);
    return { score, met, note, evidenceKey };
  }
}
