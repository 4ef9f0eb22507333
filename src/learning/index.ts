import type { Storage } from '../infra/storage';
import { AttendanceService } from './attendance/attendance.service';
import { CheckInCodes } from './attendance/check-in-code';
import { EnrollmentService } from './enrollment/enrollment.service';
import { LearningLogService } from './logs/learning-log.service';
import { LearningPlanService } from './plans/learning-plan.service';
import { LearningRecordService } from './records/learning-record.service';
import { YearClosureService } from './year-closure/year-closure.service';

export type { ResourceStudyInput } from './logs/learning-log.service';

/** The learning-records services; `logs.recordResourceStudy` is what the resources domain calls. */
export interface LearningServices {
  enrollments: EnrollmentService;
  attendance: AttendanceService;
  logs: LearningLogService;
  records: LearningRecordService;
  plans: LearningPlanService;
  yearClosures: YearClosureService;
}

export function createLearningServices(secret: string, storage: () => Storage): LearningServices {
  return {
    enrollments: new EnrollmentService(),
    attendance: new AttendanceService(new CheckInCodes(secret)),
    logs: new LearningLogService(storage),
    records: new LearningRecordService(),
    plans: new LearningPlanService(),
    yearClosures: new YearClosureService(),
  };
}
