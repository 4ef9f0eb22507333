import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../auth/account.entity';
import { Topic } from '../catalogue/catalogue.enums';
import { Institution } from '../catalogue/institutions/institution.entity';
import { Programme } from '../catalogue/programmes/programme.entity';
import { ProgrammeSession } from '../catalogue/programmes/session.entity';
import type { Logger } from '../infra/logger';
import { LogResult, LogSource, LogStatus } from '../learning/learning.enums';
import { LearningGoal } from '../learning/plans/learning-goal.entity';
import { LearningLog } from '../learning/logs/learning-log.entity';
import { Citizen } from '../people/citizens/citizen.entity';
import type { Services } from '../app/services';
import { systemContext } from '../app/system-context';
import { todayInVietnam } from '../core/time';
import { LearningResource } from '../resources/resource.entity';
import type { TitleRun } from '../titles/engine/run.entity';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { loadPreviousYearDemo, loadPreviousYearFamilyDemo } from './previous-year-demo';
import { STUDIED_DEMO_RESOURCE } from './resources-demo';

const DAY_MS = 86_400_000;

/** A demo log: days ago, hours, topic, source, status and (for a rejection or a void) the reason. */
const LOGS: { daysAgo: number; hours: number; topic: Topic; source: LogSource; status: LogStatus; title: string; reason?: string; result?: LogResult }[] = [
  { daysAgo: 330, hours: 3, topic: Topic.AGRICULTURE, source: LogSource.IMPORT, status: LogStatus.VERIFIED, title: 'Kỹ thuật trồng lúa giảm phát thải' },
  { daysAgo: 290, hours: 2, topic: Topic.LAW, source: LogSource.IMPORT, status: LogStatus.VERIFIED, title: 'Luật Hôn nhân và Gia đình' },
  { daysAgo: 240, hours: 4, topic: Topic.FOREIGN_LANGUAGE, source: LogSource.IMPORT, status: LogStatus.VERIFIED, title: 'Tiếng Anh giao tiếp A2', result: LogResult.COMPLETED },
  { daysAgo: 200, hours: 1.5, topic: Topic.HEALTH, source: LogSource.SELF_DECLARED, status: LogStatus.VERIFIED, title: 'Sơ cứu ban đầu (Hội Chữ thập đỏ)' },
  { daysAgo: 150, hours: 2, topic: Topic.DIGITAL_SKILLS, source: LogSource.SELF_DECLARED, status: LogStatus.REJECTED, title: 'Tự học Excel', reason: 'Không có minh chứng' },
  { daysAgo: 120, hours: 1, topic: Topic.CULTURE_HISTORY, source: LogSource.RESOURCE_STUDY, status: LogStatus.VERIFIED, title: STUDIED_DEMO_RESOURCE },
  { daysAgo: 90, hours: 2, topic: Topic.LIFE_SKILLS, source: LogSource.SELF_DECLARED, status: LogStatus.VOIDED, title: 'Kỹ năng nuôi dạy con', reason: 'Khai trùng ngày' },
  { daysAgo: 45, hours: 6, topic: Topic.DIGITAL_SKILLS, source: LogSource.SELF_DECLARED, status: LogStatus.VERIFIED, title: 'Khóa học Chuyển đổi số cho người dân', result: LogResult.COMPLETED },
  { daysAgo: 12, hours: 2, topic: Topic.HEALTH, source: LogSource.SELF_DECLARED, status: LogStatus.PENDING, title: 'Dinh dưỡng cho người cao tuổi' },
  { daysAgo: 3, hours: 1.5, topic: Topic.FOREIGN_LANGUAGE, source: LogSource.SELF_DECLARED, status: LogStatus.PENDING, title: 'Câu lạc bộ tiếng Anh online' },
];

/** Verified logs the library imported for the other demo citizens; each gets the first 2 to 5. */
const NEIGHBOUR_LOGS: { daysAgo: number; hours: number; topic: Topic; title: string; result?: LogResult }[] = [
  { daysAgo: 300, hours: 3, topic: Topic.AGRICULTURE, title: 'Kỹ thuật nuôi tôm càng xanh' },
  { daysAgo: 210, hours: 2, topic: Topic.LAW, title: 'Phổ biến Luật Đất đai 2024' },
  { daysAgo: 160, hours: 4, topic: Topic.DIGITAL_SKILLS, title: 'Dịch vụ công trực tuyến và VNeID', result: LogResult.COMPLETED },
  { daysAgo: 95, hours: 2, topic: Topic.HEALTH, title: 'Phòng chống sốt xuất huyết' },
  { daysAgo: 40, hours: 3, topic: Topic.CULTURE_HISTORY, title: 'Đọc sách cùng con tại thư viện' },
];

/**
 * Gives the demo citizen (account 0912345678, whose profile the people demo made) a year of
 * learning: logs in every state, an attended session, enrollments in coming sessions and a plan;
 * and the other demo citizens of 15 or more a few verified logs each, so households and hamlets
 * have a record to be assessed on; the citizen and her husband a previous year in which both are
 * Learning Citizens. Then asks the titles engine to compute both years for the province. Skips
 * when the demo citizen already has logs.
 */
export async function loadLearningDemo(em: EntityManager, services: Services, log: Logger): Promise<void> {
  const runs: TitleRun[] = [];
  await em.fork().transactional(async (tx) => {
    const account = await tx.findOne(Account, { phone: DEMO_ACCOUNTS.citizen });
    const adminAccount = await tx.findOne(Account, { email: DEMO_ACCOUNTS.admin });
    if (!account || !adminAccount) return;
    const admin = systemContext(tx, services, log, await services.auth.loadActor(tx, adminAccount.id));
    const citizen = await tx.findOne(Citizen, { account }, { populate: ['residence'] });
    if (!citizen || (await tx.count(LearningLog, { citizen })) > 0) return;
    const library = await tx.findOneOrFail(Institution, { name: 'Thư viện tỉnh Long An' });
    const now = new Date();
    const studied = await tx.findOne(LearningResource, { title: STUDIED_DEMO_RESOURCE });
    for (const demo of LOGS) {
      const occurredOn = todayInVietnam(new Date(now.getTime() - demo.daysAgo * DAY_MS));
      const vouched = demo.source === LogSource.IMPORT || demo.source === LogSource.SELF_DECLARED;
      tx.create(LearningLog, {
        citizen,
        source: demo.source,
        activityTitle: demo.title,
        resourceId: demo.source === LogSource.RESOURCE_STUDY ? (studied?.id ?? null) : null,
        occurredOn,
        hours: demo.hours,
        topics: [demo.topic],
        result: demo.result ?? LogResult.PARTICIPATED,
        institution: vouched ? library : null,
        status: demo.status,
        statusReason: demo.reason ?? null,
        statusChangedAt: demo.status === LogStatus.PENDING ? null : now,
        createdAt: new Date(now.getTime() - demo.daysAgo * DAY_MS + 3_600_000),
      });
    }
    // A session of the library held last week, attended and marked by the roster.
    const programme = await tx.findOneOrFail(Programme, { title: 'Kỹ năng số cho người cao tuổi' });
    const startsAt = new Date(now.getTime() - 7 * DAY_MS);
    const past = tx.create(ProgrammeSession, { programme, institution: library, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), creditedHours: 2, place: 'Hội trường' });
    await tx.flush();
    await services.learning.attendance.recordRoster(admin, past.id, [{ citizenId: citizen.id, present: true }]);
    // Enrollments in the first two coming sessions of two programmes.
    const citizenContext = systemContext(tx, services, log, await services.auth.loadActor(tx, account.id));
    for (const title of ['Tiếng Anh giao tiếp cơ bản', 'Phổ biến Luật Đất đai 2024']) {
      const next = await tx.findOne(ProgrammeSession, { programme: { title }, startsAt: { $gt: now } }, { orderBy: { startsAt: 'asc' } });
      if (next) await services.learning.enrollments.enroll(citizenContext, next.id);
    }
    const year = Number(todayInVietnam(now).slice(0, 4));
    tx.create(LearningGoal, { citizen, year, topic: Topic.DIGITAL_SKILLS, targetHours: 10 });
    tx.create(LearningGoal, { citizen, year, topic: Topic.FOREIGN_LANGUAGE, targetHours: 6 });
    tx.create(LearningGoal, { citizen, year, programme });
    await tx.flush();
    const spouse = await tx.findOneOrFail(Citizen, { fullName: 'Trần Văn Minh' });
    await loadPreviousYearDemo(admin, [citizen, spouse], library, year - 1);
    const ba = await tx.find(Citizen, { fullName: { $in: ['Nguyễn Văn Ba', 'Võ Thị Thu'] } });
    await loadPreviousYearFamilyDemo(admin, 'Hộ ông Nguyễn Văn Ba', ba, year - 1);
    const neighbours = await tx.find(Citizen, { id: { $ne: citizen.id }, birthYear: { $lte: year - 15 } }, { orderBy: { fullName: 'asc' } });
    let neighbourLogs = 0;
    for (const [index, neighbour] of neighbours.entries()) {
      for (const demo of NEIGHBOUR_LOGS.slice(0, 2 + (index % NEIGHBOUR_LOGS.length))) {
        tx.create(LearningLog, {
          citizen: neighbour,
          source: LogSource.IMPORT,
          activityTitle: demo.title,
          occurredOn: todayInVietnam(new Date(now.getTime() - (demo.daysAgo + index) * DAY_MS)),
          hours: demo.hours,
          topics: [demo.topic],
          result: demo.result ?? LogResult.PARTICIPATED,
          institution: library,
          status: LogStatus.VERIFIED,
          statusChangedAt: now,
        });
        neighbourLogs += 1;
      }
    }
    await tx.flush();
    log.info({ logs: LOGS.length + 1, neighbourLogs }, 'loaded the demo citizens’ learning records');
    const provinceId = citizen.residence.path.split('/')[1];
    for (const runYear of [year - 1, year]) runs.push(await services.titles.runs.requestFor(admin, provinceId, runYear));
  });
  // After the commit, so the worker finds the runs; a run left QUEUED while Redis is away is dispatched when it returns.
  for (const run of runs) {
    await services.titles.runs.dispatch(run).catch((error: unknown) => log.warn({ err: error, runId: run.id }, 'could not queue the demo title run yet'));
  }
}
