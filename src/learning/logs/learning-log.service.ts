import type { UserErrorCode } from '../../core/user-error-codes';
import { createHash, randomUUID } from 'node:crypto';
import { Account } from '../../auth/account.entity';
import { Topic } from '../../catalogue/catalogue.enums';
import { Institution } from '../../catalogue/institutions/institution.entity';
import { managesProgrammesOf } from '../../catalogue/programmes/programme.service';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import type { Storage } from '../../infra/storage';
import type { Citizen } from '../../people/citizens/citizen.entity';
import { todayInVietnam } from '../../core/time';
import { readCsvWithColumns } from '../../infra/csv-import';
import { LineOutcome, LogResult, LogSource, LogStatus } from '../learning.enums';
import { mayReviewRecordOf } from '../learning-access';
import { LearningLog } from './learning-log.entity';
import { summarise, type LineReport, type ReportLine } from './line-report';
import { lockCitizens, logsOthersMayVerify, NewLogRules } from './log-rules';
import { requireCitizenActedFor } from '../own-citizen';
import { findPeople } from '../person-lookup';

export interface SelfDeclaredInput {
  /** The citizen an official declares it for (assisted entry); the signed-in citizen when absent. */
  citizenId?: string | null;
  idempotencyKey?: string | null;
  activityTitle: string;
  occurredOn: string;
  hours: number;
  topics: Topic[];
  result: LogResult;
  score?: number | null;
  certificateNumber?: string | null;
  evidenceKey?: string | null;
  institutionId?: string | null;
}

export interface ResourceStudyInput {
  resourceId: string;
  minutes: number;
  idempotencyKey?: string | null;
  topics?: Topic[] | null;
  title?: string | null;
}

export interface EvidenceUpload {
  key: string;
  uploadUrl: string;
  expiresAt: Date;
}

export interface ReviewOutcome {
  id: string;
  log: LearningLog | null;
  code: string | null;
  message: string | null;
}

const EVIDENCE_UPLOAD_SECONDS = 15 * 60;
const MAX_IMPORT_LINES = 5000;

/** Writing learning logs: self-declared, resource study, imports; and voiding and reviewing them. */
export class LearningLogService {
  constructor(private readonly storage: () => Storage) {}

  /** Not transactional (signs a URL). A presigned PUT for an evidence file under the prefix of the citizen (the actor's own, or one they act for). */
  async createEvidenceUpload(ctx: RequestContext, fileName: string, citizenId: string | null = null): Promise<EvidenceUpload> {
    const { citizen } = await requireCitizenActedFor(ctx, citizenId);
    const safe = fileName.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(-100) || 'evidence';
    const key = `evidence/${citizen.id}/${randomUUID()}/${safe}`;
    const uploadUrl = await this.storage().presignPut(key, EVIDENCE_UPLOAD_SECONDS);
    return { key, uploadUrl, expiresAt: new Date(ctx.now.getTime() + EVIDENCE_UPLOAD_SECONDS * 1000) };
  }

  /**
   * Transactional, idempotent with `idempotencyKey`. The citizen declares an external activity, or
   * an official declares it for a citizen they act for (recorded as `recordedBy`); it waits for verification.
   */
  async submit(ctx: RequestContext, input: SelfDeclaredInput): Promise<LearningLog> {
    const { citizen, enteredBy } = await requireCitizenActedFor(ctx, input.citizenId);
    const topics = checkTopics(input.topics);
    if (input.score != null && !(input.score >= 0 && input.score <= 100)) throw new UserInputError('INVALID_SCORE', ['score']);
    await lockCitizens(ctx.em, [citizen.id]);
    const previous = await this.byIdempotencyKey(ctx, citizen, input.idempotencyKey);
    if (previous) return previous;
    const hours = await new NewLogRules(ctx.em, todayInVietnam(ctx.now)).check({ citizen, occurredOn: input.occurredOn, hours: input.hours });
    if (input.evidenceKey) await this.checkEvidence(ctx, citizen, input.evidenceKey);
    const institution = input.institutionId ? await ctx.em.findOne(Institution, { id: input.institutionId }) : null;
    if (input.institutionId && !institution) throw new UserInputError('INSTITUTION_NOT_FOUND', ['institutionId']);
    const log = ctx.em.create(LearningLog, {
      citizen,
      source: LogSource.SELF_DECLARED,
      activityTitle: input.activityTitle.trim(),
      occurredOn: input.occurredOn,
      hours,
      topics,
      result: input.result,
      score: input.score ?? null,
      certificateNumber: input.certificateNumber?.trim() || null,
      evidenceKey: input.evidenceKey ?? null,
      institution,
      recordedBy: enteredBy,
      status: LogStatus.PENDING,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    await ctx.em.flush();
    return log;
  }

  /**
   * Transactional, idempotent with `idempotencyKey`. Records the study of a platform resource
   * today, VERIFIED (the platform saw it), counted as self-study. Called by the resources domain.
   */
  async recordResourceStudy(ctx: RequestContext, citizen: Citizen, input: ResourceStudyInput): Promise<LearningLog> {
    const today = todayInVietnam(ctx.now);
    await lockCitizens(ctx.em, [citizen.id]);
    const previous = await this.byIdempotencyKey(ctx, citizen, input.idempotencyKey);
    if (previous) return previous;
    const hours = await new NewLogRules(ctx.em, today).check({ citizen, occurredOn: today, hours: input.minutes / 60 }, { hours: ['minutes'], occurredOn: ['minutes'] });
    const log = ctx.em.create(LearningLog, {
      citizen,
      source: LogSource.RESOURCE_STUDY,
      resourceId: input.resourceId,
      activityTitle: input.title?.trim() || null,
      occurredOn: today,
      hours,
      topics: input.topics?.length ? input.topics : [Topic.OTHER],
      result: LogResult.PARTICIPATED,
      status: LogStatus.VERIFIED,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    await ctx.em.flush();
    return log;
  }

  /**
   * Transactional. Voids a log with a reason: the owner their PENDING ones, assessors of the
   * citizen's unit and staff of the vouching institution any PENDING or VERIFIED one.
   */
  async void(ctx: RequestContext, id: string, reason: string): Promise<LearningLog> {
    const log = await this.getLog(ctx, id);
    const owner = log.citizen.account?.id === ctx.actor?.accountId;
    const reviewer = mayReviewRecordOf(ctx.actor, log.citizen, log.institution?.id ?? null);
    if (!owner && !reviewer) throw new NotFoundError('The learning log');
    if (log.status !== LogStatus.PENDING && log.status !== LogStatus.VERIFIED) {
      throw new UserInputError('LOG_CLOSED', ['id']);
    }
    if (!reviewer && log.status !== LogStatus.PENDING) {
      throw new UserInputError('LOG_ALREADY_VERIFIED', ['id']);
    }
    this.close(ctx, log, LogStatus.VOIDED, checkReason(reason));
    await ctx.em.flush();
    return log;
  }

  /**
   * Transactional. Verifies or rejects PENDING logs the actor may review, reporting each id. A log
   * the actor entered for a citizen is verified by someone else when anyone else may
   * (ENTERED_BY_YOU); otherwise by the actor, and that is recorded (`verifiedByEnterer`).
   */
  async review(ctx: RequestContext, ids: string[], decision: { verify: true } | { verify: false; reason: string }): Promise<ReviewOutcome[]> {
    if (ids.length === 0 || ids.length > 100) throw new UserInputError('INVALID_IDS', ['ids'], { max: 100 });
    const reason = decision.verify ? null : checkReason(decision.reason);
    const logs = new Map((await ctx.em.find(LearningLog, { id: { $in: ids } }, { populate: ['citizen.residence'] })).map((log) => [log.id, log]));
    const enteredByActor = (log: LearningLog) => log.source === LogSource.SELF_DECLARED && !!ctx.actor && log.recordedBy?.id === ctx.actor.accountId;
    const othersMayVerify =
      decision.verify && ctx.actor ? await logsOthersMayVerify(ctx.em, [...logs.values()].filter(enteredByActor).map((log) => log.id), ctx.actor.accountId) : new Set<string>();
    const outcomes = ids.map((id): ReviewOutcome => {
      const log = logs.get(id);
      if (!log || !mayReviewRecordOf(ctx.actor, log.citizen, log.institution?.id ?? null)) {
        return { id, log: null, code: 'NOT_FOUND', message: 'No log you may review has this id' };
      }
      if (log.status !== LogStatus.PENDING) return { id, log, code: 'NOT_PENDING', message: `The log is ${log.status.toLowerCase()}, not pending` };
      if (decision.verify) {
        if (othersMayVerify.has(log.id)) {
          return { id, log, code: 'ENTERED_BY_YOU', message: 'You entered this log for the citizen: another assessor of their unit or the institution it names verifies it' };
        }
        const byAssessor = !log.institution || !managesProgrammesOf(ctx, log.institution.id);
        if (byAssessor && ctx.actor) log.assessor = ctx.em.getReference(Account, ctx.actor.accountId);
        log.verifiedByEnterer = enteredByActor(log);
        this.close(ctx, log, LogStatus.VERIFIED, null);
      } else {
        this.close(ctx, log, LogStatus.REJECTED, reason);
      }
      return { id, log, code: null, message: null };
    });
    await ctx.em.flush();
    return outcomes;
  }

  /**
   * Transactional, idempotent (a line imported twice is reported as already recorded). Staff of
   * an institution import verified logs it vouches for: columns person (national ID or mobile
   * number), date, hours, topic (several separated by ;), result, and optionally title,
   * certificate_number, score.
   */
  async importCsv(ctx: RequestContext, institutionId: string, csv: string): Promise<LineReport> {
    const institution = await ctx.em.findOne(Institution, { id: institutionId });
    if (!institution) throw new NotFoundError('The institution');
    if (!managesProgrammesOf(ctx, institution.id)) throw new ForbiddenError('Only staff of the institution import its learning logs');
    const records = readCsvWithColumns(csv, ['person', 'date', 'hours', 'topic', 'result']);
    if (records.length > MAX_IMPORT_LINES) throw new UserInputError('IMPORT_TOO_LONG', ['csv'], { max: MAX_IMPORT_LINES });
    const people = await findPeople(ctx, records.map((record) => record.person ?? ''));
    const citizens = [...people.values()].flatMap((match) => ('citizen' in match ? [match.citizen] : []));
    await lockCitizens(ctx.em, citizens.map((c) => c.id));
    const days = [...new Set(records.map((record) => record.date ?? ''))].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    const today = todayInVietnam(ctx.now);
    const rules = await NewLogRules.forBatch(ctx.em, today, citizens.map((c) => c.id), days);
    const recordedBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    const lines: ReportLine[] = [];
    for (const [index, record] of records.entries()) {
      const person = record.person ?? '';
      const report = (outcome: LineOutcome, log: LearningLog | null = null, code: UserErrorCode | null = null, message: string | null = null) =>
        lines.push({ line: index + 2, person, outcome, code, message, log });
      const match = people.get(person);
      if (!match || 'unknown' in match) {
        report(LineOutcome.UNKNOWN_PERSON, null, 'UNKNOWN_PERSON', 'No citizen is registered with this identifier');
        continue;
      }
      if ('problem' in match) {
        report(LineOutcome.REJECTED, null, match.problem.code, match.problem.message);
        continue;
      }
      const citizen = match.citizen;
      try {
        const row = readImportRow(record);
        const key = `import:${createHash('sha256').update(JSON.stringify([institution.id, row])).digest('hex').slice(0, 48)}`;
        const previous = await this.byIdempotencyKey(ctx, citizen, key);
        if (previous) {
          report(LineOutcome.ALREADY_RECORDED, previous);
          continue;
        }
        const facts = { citizen, occurredOn: row.date, hours: row.hours };
        const hours = await rules.check(facts);
        rules.count({ ...facts, hours });
        const log = ctx.em.create(LearningLog, {
          citizen,
          source: LogSource.IMPORT,
          activityTitle: row.title,
          occurredOn: row.date,
          hours,
          topics: row.topics,
          result: row.result,
          score: row.score,
          certificateNumber: row.certificateNumber,
          institution,
          recordedBy,
          status: LogStatus.VERIFIED,
          idempotencyKey: key,
        });
        ctx.em.persist(log);
        report(LineOutcome.RECORDED, log);
      } catch (error) {
        if (!(error instanceof UserInputError)) throw error;
        report(LineOutcome.REJECTED, null, error.code, error.message);
      }
    }
    await ctx.em.flush();
    return summarise(lines);
  }

  private close(ctx: RequestContext, log: LearningLog, status: LogStatus, reason: string | null): void {
    Object.assign(log, {
      status,
      statusReason: reason,
      statusChangedAt: ctx.now,
      statusChangedBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
  }

  private async getLog(ctx: RequestContext, id: string): Promise<LearningLog> {
    const log = await ctx.em.findOne(LearningLog, { id }, { populate: ['citizen.residence'] });
    if (!log) throw new NotFoundError('The learning log');
    return log;
  }

  private async byIdempotencyKey(ctx: RequestContext, citizen: Citizen, key: string | null | undefined): Promise<LearningLog | null> {
    if (!key) return null;
    const found = ctx.em.getUnitOfWork().getPersistStack();
    for (const entity of found) if (entity instanceof LearningLog && entity.citizen.id === citizen.id && entity.idempotencyKey === key) return entity;
    return ctx.em.findOne(LearningLog, { citizen, idempotencyKey: key });
  }

  /** A file of the upload flow (`createEvidenceFileUpload`), or one PUT to a URL of the deprecated `createEvidenceUpload`. */
  private async checkEvidence(ctx: RequestContext, citizen: Citizen, key: string): Promise<void> {
    if (ctx.services.evidenceUploads.isUploadKey(key)) return ctx.services.evidenceUploads.requireCompleted(ctx, [key], 'evidenceKey');
    if (!key.startsWith(`evidence/${citizen.id}/`) || key.includes('..')) {
      throw new UserInputError('EVIDENCE_NOT_YOURS', ['evidenceKey']);
    }
    if (!(await this.storage().exists(key))) {
      throw new UserInputError('EVIDENCE_NOT_FOUND', ['evidenceKey'], { key });
    }
  }
}

function checkTopics(topics: Topic[]): Topic[] {
  const unique = [...new Set(topics)];
  if (unique.length === 0) throw new UserInputError('TOPIC_REQUIRED', ['topics']);
  return unique;
}

function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3 || trimmed.length > 1000) throw new UserInputError('REASON_REQUIRED', ['reason']);
  return trimmed;
}

interface ImportRow {
  date: string;
  hours: number;
  topics: Topic[];
  result: LogResult;
  title: string | null;
  certificateNumber: string | null;
  score: number | null;
}

/** The line's values read; the rules of a new log are checked after (NewLogRules). */
function readImportRow(record: Record<string, string>): ImportRow {
  const date = record.date ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new UserInputError('INVALID_DATE');
  const hours = Number(record.hours);
  const topics = (record.topic ?? '').split(';').map((t) => t.trim().toUpperCase()).filter(Boolean);
  const unknown = topics.filter((t) => !(Object.values(Topic) as string[]).includes(t));
  if (!topics.length || unknown.length) throw new UserInputError('INVALID_TOPIC', null, { topics: unknown.join(', ') || '—' });
  const result = (record.result ?? '').trim().toUpperCase();
  if (!(Object.values(LogResult) as string[]).includes(result)) throw new UserInputError('INVALID_RESULT');
  const score = record.score ? Number(record.score) : null;
  if (score !== null && !(score >= 0 && score <= 100)) throw new UserInputError('INVALID_SCORE');
  return {
    date,
    hours,
    topics: [...new Set(topics)] as Topic[],
    result: result as LogResult,
    title: record.title?.trim() || null,
    certificateNumber: record.certificate_number?.trim() || null,
    score,
  };
}
