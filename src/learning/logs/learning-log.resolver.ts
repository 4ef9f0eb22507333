import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accountById } from '../../auth/account.loaders';
import { Role } from '../../core/roles';
import type { Institution } from '../../catalogue/institutions/institution.entity';
import { institutionById } from '../../catalogue/institutions/institution.loaders';
import { InstitutionType } from '../../catalogue/institutions/institution.types';
import { programmeById, sessionById } from '../../catalogue/programmes/programme.loaders';
import { ProgrammeSessionType } from '../../catalogue/programmes/programme.types';
import type { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { orNull } from '../../core/loaders';
import { registerNode } from '../../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { mayReadCitizen } from '../../people/citizens/citizen-access';
import type { Citizen } from '../../people/citizens/citizen.entity';
import { CitizenType } from '../../people/citizens/citizen.types';
import { LearningLog } from './learning-log.entity';
import { LogSource } from '../learning.enums';
import { logById } from '../learning.loaders';
import type { LogPageRow, QueueScope } from '../learning.repository';
import { CreateEvidenceUploadInput, EvidenceUploadPayload, ImportLearningLogsInput, LearningLogConnection, LearningLogPayload, LearningLogType, RejectLearningLogsInput, ReviewLearningLogsPayload, SubmitLearningLogInput, VerifyLearningLogsInput, VoidLearningLogInput } from './learning-log.types';
import { LineReportPayload } from './line-report.types';
import { CloseLearningYearInput, LearningYearClosurePayload } from '../year-closure/year-closure.types';

registerNode('LearningLog', LearningLog, async (ctx, ids) => ctx.services.learning.records.readable(ctx.actor, orNull(await logById(ctx).loadMany(ids))));

/** A self-declared log that someone other than the citizen recorded was entered on their behalf. */
function enteredOnBehalf(log: LearningLog): boolean {
  return log.source === LogSource.SELF_DECLARED && log.recordedBy !== null;
}

/** One page of logs from keyset rows: the rows give order and cursors, the loader the logs. */
export async function logPage(ctx: RequestContext, rows: LogPageRow[]): Promise<{ row: LogPageRow; log: LearningLog }[]> {
  const logs = orNull(await logById(ctx).loadMany(rows.map((row) => row.id)));
  return rows.flatMap((row, index) => {
    const log = logs[index];
    return log ? [{ row, log }] : [];
  });
}

function queueConnection(ctx: RequestContext, scope: QueueScope, page: PageArgs, name: string): Promise<Connection<LearningLog>> {
  return keysetConnection({
    args: page,
    codec: ctx.services.cursors,
    scope: name,
    fetch: async (seek) => logPage(ctx, await ctx.services.learning.records.pending(ctx, scope, seek)),
    keyOf: ({ row }) => [row.sort_key, row.id],
    edge: ({ log }, cursor) => ({ cursor, node: log }),
    count: () => ctx.services.learning.records.countPending(ctx, scope),
  });
}

@Resolver(() => LearningLogType)
export class LearningLogResolver {
  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Query(() => LearningLogConnection, { description: 'Pending logs of citizens living in the units you assess, oldest first.' })
  learningVerificationQueue(@Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<LearningLog>> {
    return queueConnection(ctx, ctx.services.learning.records.assessorQueue(ctx), page, 'learningVerificationQueue');
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Query(() => LearningLogConnection, { description: 'Pending logs that name your institution, oldest first.' })
  institutionVerificationQueue(
    @Arg('institutionId', () => ID, { description: 'The institution.' }) institutionId: string,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<LearningLog>> {
    const id = idOf('Institution', institutionId);
    return queueConnection(ctx, ctx.services.learning.records.institutionQueue(ctx, id), page, `institutionVerificationQueue:${id}`);
  }

  @Authorized(Role.CITIZEN, Role.ASSESSOR, Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => EvidenceUploadPayload, {
    description: 'Where to upload an evidence file (a presigned PUT URL valid 15 minutes): for your own log, or, with `citizenId`, for a citizen you act for. Nothing checks the file that arrives.',
    deprecationReason: 'Use createEvidenceFileUpload, then completeEvidenceUpload: the one upload flow, with the declared type and size checked and the file\'s size and first bytes verified.',
  })
  async createEvidenceUpload(@Arg('input') input: CreateEvidenceUploadInput, @Ctx() ctx: RequestContext): Promise<EvidenceUploadPayload> {
    const citizenId = input.citizenId ? idOf('Citizen', input.citizenId) : null;
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.logs.createEvidenceUpload(tx, input.fileName, citizenId));
    return { upload: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.CITIZEN, Role.ASSESSOR, Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningLogPayload, {
    description:
      'Declares learning done outside the platform; it is PENDING until verified. With `citizenId`, an official declares it for a citizen they act for (assisted entry): it is recorded as entered by them, and verified by someone else when anyone else may. Retrying with the same idempotencyKey returns the first log.',
  })
  async submitLearningLog(@Arg('input') input: SubmitLearningLogInput, @Ctx() ctx: RequestContext): Promise<LearningLogPayload> {
    const institutionId = input.institutionId ? idOf('Institution', input.institutionId) : null;
    const citizenId = input.citizenId ? idOf('Citizen', input.citizenId) : null;
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.logs.submit(tx, { ...input, institutionId, citizenId }));
    return { log: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => LearningLogPayload, { description: 'Voids a log with a reason: your own pending one, or one you verify (assessor of the citizen’s unit, staff of its institution).' })
  async voidLearningLog(@Arg('input') input: VoidLearningLogInput, @Ctx() ctx: RequestContext): Promise<LearningLogPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.logs.void(tx, idOf('LearningLog', input.id), input.reason));
    return { log: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => ReviewLearningLogsPayload, { description: 'Verifies pending logs you may review; each id is reported. A log you declared for a citizen is left to another assessor of their unit or the institution it names when there is one (ENTERED_BY_YOU).' })
  async verifyLearningLogs(@Arg('input') input: VerifyLearningLogsInput, @Ctx() ctx: RequestContext): Promise<ReviewLearningLogsPayload> {
    const ids = input.ids.map((id) => idOf('LearningLog', id));
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.logs.review(tx, ids, { verify: true }));
    return { results: outcome.result?.map((r, i) => ({ ...r, id: input.ids[i] })) ?? null, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => ReviewLearningLogsPayload, { description: 'Rejects pending logs you may review, with a reason; each id is reported.' })
  async rejectLearningLogs(@Arg('input') input: RejectLearningLogsInput, @Ctx() ctx: RequestContext): Promise<ReviewLearningLogsPayload> {
    const ids = input.ids.map((id) => idOf('LearningLog', id));
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.logs.review(tx, ids, { verify: false, reason: input.reason }));
    return { results: outcome.result?.map((r, i) => ({ ...r, id: input.ids[i] })) ?? null, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LineReportPayload, { description: 'Imports verified logs your institution vouches for, from CSV; each line is reported.' })
  async importLearningLogs(@Arg('input') input: ImportLearningLogsInput, @Ctx() ctx: RequestContext): Promise<LineReportPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.logs.importCsv(tx, idOf('Institution', input.institutionId), input.csv));
    return { report: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningYearClosurePayload, { description: 'Closes the learning records of a unit (and everything under it) for a year that has ended: no self-declared log can be added to it.' })
  async closeLearningYear(@Arg('input') input: CloseLearningYearInput, @Ctx() ctx: RequestContext): Promise<LearningYearClosurePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.yearClosures.close(tx, idOf('AdministrativeUnit', input.unitId), input.year));
    return { closure: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The source, in the language of the request.' })
  sourceLabel(@Root() log: LearningLog, @Ctx() ctx: RequestContext): string {
    return labelOf('LogSource', log.source, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() log: LearningLog, @Ctx() ctx: RequestContext): string {
    return labelOf('LogStatus', log.status, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The result, in the language of the request.' })
  resultLabel(@Root() log: LearningLog, @Ctx() ctx: RequestContext): string {
    return labelOf('LogResult', log.result, ctx.locale);
  }

  @FieldResolver(() => Date, { description: 'When it was recorded.' })
  recordedAt(@Root() log: LearningLog): Date {
    return log.createdAt;
  }

  @FieldResolver(() => String, { description: 'The learner’s full name.' })
  async citizenName(@Root() log: LearningLog, @Ctx() ctx: RequestContext): Promise<string> {
    return (await logById(ctx).load(log.id))?.citizen.fullName ?? '';
  }

  @FieldResolver(() => CitizenType, { nullable: true, description: 'The learner’s profile, when you may read it (the citizen, assessors of their unit).' })
  async citizen(@Root() log: LearningLog, @Ctx() ctx: RequestContext): Promise<Citizen | null> {
    const citizen = (await logById(ctx).load(log.id))?.citizen ?? null;
    return citizen && mayReadCitizen(ctx.actor, citizen) ? citizen : null;
  }

  /**
   * An attendance's title is read from its programme rather than copied into the log: a log is
   * never edited, so a copy would keep a programme's old name (or a corrected typo) for ever,
   * while the session, the xAPI export and the catalogue show the new one.
   */
  @FieldResolver(() => String, { nullable: true, description: 'What was learnt: the external course or activity in the learner’s words, the resource’s title, or for an attendance the title of the session’s programme (as it is named now).' })
  async activityTitle(@Root() log: LearningLog, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (log.activityTitle !== null || !log.session) return log.activityTitle;
    const session = await sessionById(ctx).load(log.session.id);
    return session ? ((await programmeById(ctx).load(session.programme.id))?.title ?? null) : null;
  }

  @FieldResolver(() => ProgrammeSessionType, { nullable: true, description: 'The session attended (source ATTENDANCE).' })
  async session(@Root() log: LearningLog, @Ctx() ctx: RequestContext): Promise<ProgrammeSession | null> {
    return log.session ? sessionById(ctx).load(log.session.id) : null;
  }

  @FieldResolver(() => InstitutionType, { nullable: true, description: 'The institution that vouches for it, or that a self-declared log names.' })
  async institution(@Root() log: LearningLog, @Ctx() ctx: RequestContext): Promise<Institution | null> {
    return log.institution ? institutionById(ctx).load(log.institution.id) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether an assessor (rather than an institution) verified it.' })
  verifiedByAssessor(@Root() log: LearningLog): boolean {
    return log.assessor !== null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether an official (assessor, community learning centre staff) declared it on the citizen’s behalf (assisted entry).' })
  enteredOnBehalf(@Root() log: LearningLog): boolean {
    return enteredOnBehalf(log);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Display name of the official who declared it on the citizen’s behalf; null when the citizen did, and for attendance, imports and resource study.' })
  async enteredByName(@Root() log: LearningLog, @Ctx() ctx: RequestContext): Promise<string | null> {
    return enteredOnBehalf(log) && log.recordedBy ? ((await accountById(ctx).load(log.recordedBy.id))?.displayName ?? null) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the official who declared it on the citizen’s behalf also verified it, as they may only when no other assessor of the citizen’s unit and no staff of the institution it names could.' })
  verifiedByEnterer(@Root() log: LearningLog): boolean {
    return log.verifiedByEnterer;
  }

  @FieldResolver(() => String, { nullable: true, description: 'A download URL of the evidence file: the same URL for every request of a signing window (MEDIA_DOWNLOAD_URL_WINDOW_SECONDS, 15 minutes by default), so caches keep it, and valid at least one window more.' })
  evidenceUrl(@Root() log: LearningLog, @Ctx() ctx: RequestContext): Promise<string> | null {
    return log.evidenceKey ? ctx.services.media.urlOf(ctx, log.evidenceKey) : null;
  }
}
