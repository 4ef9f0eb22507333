import type { Storage } from '../infra/storage';
import { AttendanceService } from './attendance/attendance.service';
import { CheckInCodes } from './attendance/check-in-code';
import { EnrollmentService } from './enrollment/enrollment.service';
import { LearningLogService } from './logs/learning-log.service';
import { LearningPlanService } from './plans/learning-plan.service';
import { LearningRecordService } from './records/learning-record.service';
import { StatementLogService } from './logs/statement-log.service';
import { YearClosureService } from './year-closure/year-closure.service';

export type { ResourceStudyInput } from './logs/learning-log.service';
export type { StatementLogInput } from './logs/statement-log.service';

/** The learning-records services; `logs.recordResourceStudy` is what the resources domain calls. */
export interface LearningServices {
  enrollments: EnrollmentService;
  attendance: AttendanceService;
  logs: LearningLogService;
  /** IMPORT logs from the xAPI statements of trusted API clients. */
  statementLogs: StatementLogService;
  records: LearningRecordService;
  plans: LearningPlanService;
  yearClosures: YearClosureService;
}

export function createLearningServices(secret: string, storage: () => Storage): LearningServices {
  return {
    enrollments: new EnrollmentService(),
    attendance: new AttendanceService(new CheckInCodes(secret)),
    logs: new LearningLogService(storage),
    statementLogs: new StatementLogService(),
    records: new LearningRecordService(),
    plans: new LearningPlanService(),
    yearClosures: new YearClosureService(),
  };
}
