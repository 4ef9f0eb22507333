import { LockMode } from '@mikro-orm/core';
import { coded, type CodedMessage } from '../../core/user-error-messages';
import { Account } from '../../auth/account.entity';
import { governsUnit, type Actor } from '../../core/actor';
import { UNIT_LEVEL_RANK, UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { ProgressStatus, SubjectKind } from '../engine/engine.enums';
import { TitleProgress } from '../progress/progress.entity';
import { issuerLevelsOf, mayDecide, ownLevelsOver, type GrantLevels } from './recognition.authority';
import { TitleAward } from './recognition.entity';
import { AwardStatus, type DecisionLevel } from './recognition.enums';
import { countAwards, findAwardIds, findAwardsOfSubjects, findUnitInfo, type AwardQuery, type UnitInfo } from './recognition.repository';
import { TitleDefinition } from '../rulesets/ruleset.entity';
import { resolveSubjects, type ResolvedSubject } from '../subject-units';
import { TitleKind } from '../titles.enums';
import type { Seek } from '../../infra/keyset';

const MAX_SUBJECTS = 500;

export interface DecisionFields {
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  issuer: string;
  level: DecisionLevel;
}

export interface RecognizeInput {
  decision: DecisionFields;
  subjects: { kind: SubjectKind; id: string }[];
  year: number;
  titleKind: TitleKind;
  unitLevel: UnitLevel | null;
  /** Set to recognise subjects that do not meet the criteria. */
  overrideReason: string | null;
}

/** Why one subject of a bulk recognition was not recognised. */
/** Why a subject was not recognised: a code and its values, written in the reader's language by the resolver. */
export type SubjectRefusal = CodedMessage;

/** What became of each subject, in the order asked. */
export interface SubjectOutcome {
  kind: SubjectKind;
  id: string;
  award: TitleAward | null;
  refusal: SubjectRefusal | null;
}

/** What a subject's recognition rests on, gathered for the whole set in a few queries. */
interface Gathered {
  subjects: (ResolvedSubject | null)[];
  progress: Map<string, TitleProgress>;
  units: Map<string, UnitInfo>;
  standing: Map<string, TitleAward>;
  validity: Map<string, number | null>;
}

/** The last day of a recognition: the decision date plus `years` years, minus one day. */
export function validUntil(decisionDate: string, years: number): string {
  const [year, month, day] = decisionDate.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(year + years, month - 1, day));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** Recording recognitions of titles for closed years, revoking them, and reading them. */
export class RecognitionService {
  /**
   * Transactional; a retry with the same decision number returns the awards already recorded.
   * Checks the input, that the actor may decide for every subject (Forbidden outside their area,
   * DECISION_LEVEL_NOT_YOURS for a level they do not hold within it), then
   * recognises each subject that may be, reporting a refusal for the others; and closes the
   * learning records of the year for the communes (or units) the decision covers.
   */
  async recognize(ctx: RequestContext, input: RecognizeInput): Promise<SubjectOutcome[]> {
    const decision = this.checkedDecision(ctx, input);
    const overrideReason = checkedReason(input.overrideReason, 'OVERRIDE_REASON_REQUIRED', ['override', 'reason']);
    const gathered = await this.gather(ctx, input);
    const levels = await grantLevels(ctx);
    for (const subject of gathered.subjects) {
      const path = subject ? this.unitOf(subject, gathered).path : null;
      if (path === null || mayDecide(ctx.actor, levels, decision.level, path)) continue;
      // Within the assessor's area, a level they do not hold is a choice they can correct; outside it, no level helps.
      const own = ownLevelsOver(ctx.actor, levels, path);
      if (own.length > 0) {
        throw new UserInputError('DECISION_LEVEL_NOT_YOURS', ['decision', 'level'], {
          own: { enum: 'UnitLevel', values: own },
          level: { enum: 'TitleDecisionLevel', values: [decision.level] },
        });
      }
      throw new ForbiddenError(`Only assessors of a ${decision.level.toLowerCase()} containing every subject, and province administrators, record its decisions`);
    }
    const outcomes = input.subjects.map((ref, index): SubjectOutcome => {
      const subject = gathered.subjects[index] ?? null;
      const result = subject ? this.recognizeOne(ctx, input, decision, overrideReason, subject, gathered) : coded('SUBJECT_NOT_FOUND');
      return result instanceof TitleAward ? { ...ref, award: result, refusal: null } : { ...ref, award: null, refusal: result };
    });
    await ctx.em.flush();
    const covered = new Set(outcomes.flatMap((outcome) => (outcome.award ? [this.coveredUnit(outcome.award.unit.id, gathered.units)] : [])));
    for (const unitId of covered) await ctx.services.learning.yearClosures.close(ctx, unitId, input.year);
    return outcomes;
  }

  /** Transactional, not idempotent (a second revocation is refused). Same authority as recognising. */
  async revoke(ctx: RequestContext, awardId: string, reason: string): Promise<TitleAward> {
    const award = await ctx.em.findOne(TitleAward, { id: awardId }, { populate: ['unit'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!award) throw new NotFoundError('The title award');
    if (!mayDecide(ctx.actor, await grantLevels(ctx), award.decisionLevel, award.unit.path)) {
      throw new ForbiddenError('Only assessors of the level that recognised it, whose unit contains the subject, and province administrators revoke an award');
    }
    const why = checkedReason(reason, 'REVOCATION_REASON_REQUIRED', ['reason']);
    if (!why) throw new UserInputError('REVOCATION_REASON_REQUIRED', ['reason']);
    if (award.status === AwardStatus.REVOKED) throw new UserInputError('ALREADY_REVOKED', ['awardId']);
    award.status = AwardStatus.REVOKED;
    award.revokedAt = ctx.now;
    award.revokedBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    award.revocationReason = why;
    await ctx.em.flush();
    return award;
  }

  /** An award the actor may read (assessors of its unit or above, province admins, the citizen it is about), else null. */
  async get(ctx: RequestContext, ids: readonly string[]): Promise<(TitleAward | null)[]> {
    const awards = await ctx.em.find(TitleAward, { id: { $in: [...ids] } }, { populate: ['unit'] });
    const own = await ownCitizenId(ctx);
    const byId = new Map(awards.filter((award) => mayReadAward(ctx.actor, award, own)).map((award) => [award.id, award]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The awards of citizens, for whoever may read those citizens (the caller checks). */
  ofCitizens(ctx: RequestContext, citizenIds: readonly string[]): Promise<TitleAward[]> {
    return findAwardsOfSubjects(ctx.em, SubjectKind.CITIZEN, citizenIds);
  }

  /** The awards within a unit's subtree, for assessors of the unit (or above) and province admins. */
  async query(ctx: RequestContext, filter: Omit<AwardQuery, 'unitPath'> & { unitId: string }): Promise<AwardQuery> {
    const unit = await ctx.em.findOne(AdministrativeUnit, { id: filter.unitId });
    if (!unit) throw new NotFoundError('The administrative unit');
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('Only assessors of the unit (or above) and province administrators list its awards');
    return { unitPath: unit.path, year: filter.year, titleKind: filter.titleKind, unitLevel: filter.unitLevel, status: filter.status };
  }

  findIds(ctx: RequestContext, query: AwardQuery, seek: Seek) {
    return findAwardIds(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: AwardQuery): Promise<number> {
    return countAwards(ctx.em, query);
  }

  private checkedDecision(ctx: RequestContext, input: RecognizeInput): DecisionFields {
    const current = Number(todayInVietnam(ctx.now).slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year >= current) {
      throw new UserInputError('YEAR_NOT_ENDED', ['year']);
    }
    if ((input.titleKind === TitleKind.LEARNING_COMMUNITY) !== (input.unitLevel !== null)) {
      throw new UserInputError('UNIT_LEVEL_MISMATCH', ['unitLevel']);
    }
    if (!input.subjects.length || input.subjects.length > MAX_SUBJECTS) {
      throw new UserInputError('SUBJECT_COUNT', ['subjectIds'], { max: MAX_SUBJECTS });
    }
    if (new Set(input.subjects.map((s) => `${s.kind}:${s.id}`)).size !== input.subjects.length) {
      throw new UserInputError('DUPLICATE_SUBJECT', ['subjectIds']);
    }
    const number = input.decision.number.trim();
    const issuer = input.decision.issuer.trim();
    if (!number || number.length > 64) throw new UserInputError('DECISION_NUMBER_REQUIRED', ['decision', 'number']);
    if (!issuer || issuer.length > 300) throw new UserInputError('ISSUER_REQUIRED', ['decision', 'issuer']);
    const { date } = input.decision;
    if (date < `${input.year + 1}-01-01` || date > todayInVietnam(ctx.now)) {
      throw new UserInputError('DECISION_DATE_INVALID', ['decision', 'date'], { year: input.year });
    }
    return { number, issuer, date, level: input.decision.level };
  }

  private async gather(ctx: RequestContext, input: RecognizeInput): Promise<Gathered> {
    const subjects = await resolveSubjects(ctx.em, input.subjects);
    const found = subjects.filter((subject): subject is ResolvedSubject => subject !== null);
    const ids = found.map((subject) => subject.id);
    const rows = ids.length
      ? await ctx.em.find(TitleProgress, { subjectId: { $in: ids }, titleKind: input.titleKind, unitLevel: input.unitLevel, year: input.year }, { populate: ['unit'] })
      : [];
    const progress = new Map(rows.map((row) => [`${row.subjectKind}:${row.subjectId}`, row]));
    const pathIds = [...found.map((s) => s.unitPath), ...rows.map((row) => row.unit.path)].flatMap((path) => path.split('/').filter(Boolean));
    const awards = ids.length
      ? await ctx.em.find(TitleAward, { subjectId: { $in: ids }, titleKind: input.titleKind, unitLevel: input.unitLevel, year: input.year, status: AwardStatus.AWARDED })
      : [];
    const rulesetIds = [...new Set(rows.map((row) => row.ruleset.id))];
    const definitions = rulesetIds.length ? await ctx.em.find(TitleDefinition, { ruleset: { $in: rulesetIds }, kind: input.titleKind, unitLevel: input.unitLevel }) : [];
    return {
      subjects,
      progress,
      units: await findUnitInfo(ctx.em, pathIds),
      standing: new Map(awards.map((award) => [`${award.subjectKind}:${award.subjectId}`, award])),
      validity: new Map(definitions.map((definition) => [definition.ruleset.id, definition.recognitionValidityYears])),
    };
  }

  /** The subject's unit in the year recognised: the progress row's, else where it belongs now. */
  private unitOf(subject: ResolvedSubject, gathered: Gathered): { id: string; path: string } {
    const row = gathered.progress.get(`${subject.kind}:${subject.id}`);
    return row ? { id: row.unit.id, path: row.unit.path } : { id: subject.unitId, path: subject.unitPath };
  }

  private recognizeOne(ctx: RequestContext, input: RecognizeInput, decision: DecisionFields, overrideReason: string | null, subject: ResolvedSubject, gathered: Gathered): TitleAward | SubjectRefusal {
    if (subject.titleKind !== input.titleKind || subject.unitLevel !== input.unitLevel) {
      return coded('TITLE_NOT_FOR_SUBJECT', { title: { enum: 'TitleKind', values: [subject.titleKind] } });
    }
    const key = `${subject.kind}:${subject.id}`;
    const unit = this.unitOf(subject, gathered);
    const unitLevel = gathered.units.get(unit.id)?.level ?? UnitLevel.HAMLET;
    const allowed = issuerLevelsOf(input.titleKind, input.unitLevel, unitLevel);
    if (!allowed.includes(decision.level)) {
      return coded('ISSUER_LEVEL_NOT_ALLOWED', { allowed: { enum: 'TitleDecisionLevel', values: allowed } });
    }
    const standing = gathered.standing.get(key);
    if (standing) {
      return standing.decisionNumber === decision.number ? standing : coded('ALREADY_RECOGNISED', { year: input.year, decision: standing.decisionNumber });
    }
    const row = gathered.progress.get(key);
    if (!row) return coded('NOT_EVALUATED', { year: input.year });
    const meets = row.status === ProgressStatus.MEETS_CRITERIA;
    if (!meets && !overrideReason) return coded('CRITERIA_NOT_MET', { year: input.year, status: { enum: 'ProgressStatus', values: [row.status] } });
    return ctx.em.create(TitleAward, {
      subjectKind: subject.kind,
      subjectId: subject.id,
      titleKind: input.titleKind,
      unitLevel: input.unitLevel,
      year: input.year,
      unit: ctx.em.getReference(AdministrativeUnit, unit.id),
      decisionNumber: decision.number,
      decisionDate: decision.date,
      issuer: decision.issuer,
      decisionLevel: decision.level,
      validUntil: validUntil(decision.date, gathered.validity.get(row.ruleset.id) ?? 1),
      ruleset: row.ruleset,
      indicators: row.indicators.map((score) => ({ ...score })),
      total: row.total,
      threshold: row.threshold,
      progressStatus: row.status,
      levelReached: row.levelReached,
      progressComputedAt: row.computedAt,
      overrideReason: meets ? null : overrideReason,
      recordedAt: ctx.now,
      recordedBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
  }

  /**
   * The unit whose records a decision closes: the commune containing the subject's unit, or the
   * subject's unit itself when it is above the communes (a district, the province).
   */
  private coveredUnit(unitId: string, units: Map<string, UnitInfo>): string {
    const unit = units.get(unitId);
    if (!unit || UNIT_LEVEL_RANK[unit.level] <= UNIT_LEVEL_RANK[UnitLevel.COMMUNE]) return unitId;
    const commune = unit.path
      .split('/')
      .filter(Boolean)
      .map((id) => units.get(id))
      .find((ancestor) => ancestor?.level === UnitLevel.COMMUNE);
    return commune?.id ?? unitId;
  }
}

function checkedReason(reason: string | null, code: 'OVERRIDE_REASON_REQUIRED' | 'REVOCATION_REASON_REQUIRED', field: string[]): string | null {
  if (reason === null) return null;
  const trimmed = reason.trim();
  if (!trimmed || trimmed.length > 2000) throw new UserInputError(code, field);
  return trimmed;
}

/** The unit level of each of the actor's assessor grants. */
async function grantLevels(ctx: RequestContext): Promise<GrantLevels> {
  const ids = ctx.actor?.grants.flatMap((grant) => (grant.unitId ? [grant.unitId] : [])) ?? [];
  const units = await findUnitInfo(ctx.em, ids);
  return new Map([...units.values()].map((unit) => [unit.id, unit.level]));
}

async function ownCitizenId(ctx: RequestContext): Promise<string | null> {
  if (!ctx.actor) return null;
  const [row] = await ctx.em.execute<{ id: string }[]>('select id from citizen where account_id = ?', [ctx.actor.accountId]);
  return row?.id ?? null;
}

function mayReadAward(actor: Actor | null, award: TitleAward, ownCitizen: string | null): boolean {
  return governsUnit(actor, award.unit.path) || (award.subjectKind === SubjectKind.CITIZEN && award.subjectId === ownCitizen);
}
