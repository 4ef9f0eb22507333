import { Topic } from '../catalogue/catalogue.enums';
import type { Institution } from '../catalogue/institutions/institution.entity';
import { Programme } from '../catalogue/programmes/programme.entity';
import { ProgrammeSession } from '../catalogue/programmes/session.entity';
import type { RequestContext } from '../core/context';
import { VIETNAM_OFFSET_MS } from '../core/time';
import { LogResult, LogSource, LogStatus } from '../learning/learning.enums';
import { LearningGoal } from '../learning/plans/learning-goal.entity';
import { LearningLog } from '../learning/logs/learning-log.entity';
import type { Citizen } from '../people/citizens/citizen.entity';
import { Household } from '../people/groups/household.entity';
import { LearningResource } from '../resources/resource.entity';
import { SubjectKind } from '../titles/engine/engine.enums';
import { STUDIED_DEMO_RESOURCE } from './resources-demo';

/** Days of the previous year (month-day) when the library held the sessions both citizens attended. */
const SESSION_DAYS = ['03-14', '05-16', '08-15', '10-17'];

/** Verified learning of the previous year, enough with the attestations below for 86 of 100 points. */
const LOGS: { on: string; hours: number; topic: Topic; source: LogSource; title: string; result?: LogResult }[] = [
  { on: '02-20', hours: 3, topic: Topic.CULTURE_HISTORY, source: LogSource.RESOURCE_STUDY, title: STUDIED_DEMO_RESOURCE },
  { on: '04-11', hours: 3, topic: Topic.CULTURE_HISTORY, source: LogSource.RESOURCE_STUDY, title: STUDIED_DEMO_RESOURCE },
  { on: '07-09', hours: 3, topic: Topic.CULTURE_HISTORY, source: LogSource.RESOURCE_STUDY, title: STUDIED_DEMO_RESOURCE },
  { on: '11-05', hours: 3, topic: Topic.CULTURE_HISTORY, source: LogSource.RESOURCE_STUDY, title: STUDIED_DEMO_RESOURCE },
  { on: '06-27', hours: 8, topic: Topic.DIGITAL_SKILLS, source: LogSource.IMPORT, title: 'Tin học văn phòng', result: LogResult.COMPLETED },
  { on: '08-29', hours: 6, topic: Topic.FOREIGN_LANGUAGE, source: LogSource.IMPORT, title: 'Tiếng Anh giao tiếp cơ bản (phần 1)' },
  { on: '09-26', hours: 6, topic: Topic.FOREIGN_LANGUAGE, source: LogSource.IMPORT, title: 'Tiếng Anh giao tiếp cơ bản (phần 2)', result: LogResult.COMPLETED },
];

/** The attested indicators of Learning Citizen (VN-2024), as an assessor of the ward scored them. */
const ATTESTED = ['ENCOURAGES_LEARNING', 'NUMERACY', 'CRITICAL_THINKING', 'RELATIONS', 'COOPERATION'];
const ATTESTED_SCORE = 8;

/**
 * Gives `citizens` a previous (closed) year in which each meets the Learning Citizen criteria of
 * the default ruleset: a plan they completed, four sessions at the library, 12 hours of study of a
 * shared resource, a completed course in digital skills and one in English, and the ward
 * assessor's scores. So `recogniseTitles` for that year can be tried on the demo without an override.
 */
export async function loadPreviousYearDemo(admin: RequestContext, citizens: Citizen[], library: Institution, year: number): Promise<void> {
  const { em, services } = admin;
  const programme = await em.findOneOrFail(Programme, { title: 'Kỹ năng số cho người cao tuổi' });
  const resource = await em.findOne(LearningResource, { title: STUDIED_DEMO_RESOURCE });
  const sessions = SESSION_DAYS.map((day) => {
    const startsAt = new Date(new Date(`${year}-${day}T08:00:00Z`).getTime() - VIETNAM_OFFSET_MS);
    return em.create(ProgrammeSession, { programme, institution: library, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), creditedHours: 2, place: 'Hội trường' });
  });
  for (const citizen of citizens) {
    for (const demo of LOGS) {
      em.create(LearningLog, {
        citizen,
        source: demo.source,
        activityTitle: demo.title,
        resourceId: demo.source === LogSource.RESOURCE_STUDY ? (resource?.id ?? null) : null,
        occurredOn: `${year}-${demo.on}`,
        hours: demo.hours,
        topics: [demo.topic],
        result: demo.result ?? LogResult.PARTICIPATED,
        institution: library,
        status: LogStatus.VERIFIED,
        statusChangedAt: admin.now,
      });
    }
    em.create(LearningGoal, { citizen, year, topic: Topic.DIGITAL_SKILLS, targetHours: 6 });
    em.create(LearningGoal, { citizen, year, topic: Topic.FOREIGN_LANGUAGE, targetHours: 10 });
  }
  await em.flush();
  for (const session of sessions) {
    await services.learning.attendance.recordRoster(admin, session.id, citizens.map((citizen) => ({ citizenId: citizen.id, present: true })));
  }
  for (const citizen of citizens) {
    for (const indicatorCode of ATTESTED) {
      await services.titles.attestations.attest(admin, SubjectKind.CITIZEN, citizen.id, { year, indicatorCode, score: ATTESTED_SCORE, note: 'Đánh giá của cán bộ phường (demo)' });
    }
  }
}

/** The commune assessor's entries for the household: full marks on everything but the share of Learning Citizens. */
const FAMILY_ENTRIES = { CHILDREN_SCHOOLING: 10, CHILDREN_RESULTS: 10, CHILDREN_BEHAVIOUR: 10, ADULT_LITERACY: 10, HOME_CONDITIONS: 20, FAMILY_EFFECTS: 20 };

/**
 * The household issue 14 is about, in the previous year: both adults studied (a verified activity
 * each), the children and the home score in full, nobody is yet a Learning Citizen. 90 points, 20
 * of 30 on adults' learning: VN-2024 v1 (a minimum on every indicator) does not pass it, v2 (half
 * of each criterion) does, which the dry run of the one against the other shows.
 */
export async function loadPreviousYearFamilyDemo(admin: RequestContext, householdName: string, adults: Citizen[], year: number): Promise<void> {
  const { em, services } = admin;
  const household = await em.findOneOrFail(Household, { name: householdName });
  for (const citizen of adults) {
    em.create(LearningLog, {
      citizen,
      source: LogSource.IMPORT,
      activityTitle: 'Tập huấn chuyển đổi số cho hộ kinh doanh',
      occurredOn: `${year}-06-12`,
      hours: 4,
      topics: [Topic.DIGITAL_SKILLS],
      result: LogResult.PARTICIPATED,
      status: LogStatus.VERIFIED,
      statusChangedAt: admin.now,
    });
  }
  await em.flush();
  for (const [indicatorCode, score] of Object.entries(FAMILY_ENTRIES)) {
    await services.titles.attestations.attest(admin, SubjectKind.HOUSEHOLD, household.id, { year, indicatorCode, score, note: 'Đánh giá của cán bộ phường (demo)' });
  }
}
