import { registerLabelledEnum } from '../graphql/labels';

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
}

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
}

export enum AttendanceMethod {
  ROSTER = 'ROSTER',
  IMPORT = 'IMPORT',
  CHECK_IN = 'CHECK_IN',
}

export enum LogSource {
  ATTENDANCE = 'ATTENDANCE',
  RESOURCE_STUDY = 'RESOURCE_STUDY',
  SELF_DECLARED = 'SELF_DECLARED',
  IMPORT = 'IMPORT',
}

export enum LogStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  VOIDED = 'VOIDED',
}

export enum LogResult {
  PARTICIPATED = 'PARTICIPATED',
  COMPLETED = 'COMPLETED',
}

/** What happened to one line of a roster or an import. */
export enum LineOutcome {
  RECORDED = 'RECORDED',
  ALREADY_RECORDED = 'ALREADY_RECORDED',
  MARKED_ABSENT = 'MARKED_ABSENT',
  UNKNOWN_PERSON = 'UNKNOWN_PERSON',
  REJECTED = 'REJECTED',
}

registerLabelledEnum(EnrollmentStatus, 'EnrollmentStatus', 'Where a registration for a session stands.', {
  [EnrollmentStatus.ENROLLED]: { vi: 'Đã đăng ký', en: 'Enrolled', description: 'Has a seat' },
  [EnrollmentStatus.WAITLISTED]: { vi: 'Danh sách chờ', en: 'Waitlisted', description: 'Waiting for a seat; promoted in order when one frees' },
  [EnrollmentStatus.CANCELLED]: { vi: 'Đã hủy', en: 'Cancelled' },
});

registerLabelledEnum(AttendanceStatus, 'AttendanceStatus', 'Whether a person attended a session.', {
  [AttendanceStatus.PRESENT]: { vi: 'Có mặt', en: 'Present' },
  [AttendanceStatus.ABSENT]: { vi: 'Vắng mặt', en: 'Absent' },
});

registerLabelledEnum(AttendanceMethod, 'AttendanceMethod', 'How attendance was recorded.', {
  [AttendanceMethod.ROSTER]: { vi: 'Điểm danh', en: 'Roster', description: 'Marked by staff on the roster' },
  [AttendanceMethod.IMPORT]: { vi: 'Nhập tệp', en: 'Import', description: 'Imported by staff from a CSV file' },
  [AttendanceMethod.CHECK_IN]: { vi: 'Tự điểm danh', en: 'Check-in', description: 'The citizen checked in with the session code' },
});

registerLabelledEnum(LogSource, 'LogSource', 'Where a learning log comes from.', {
  [LogSource.ATTENDANCE]: { vi: 'Tham dự buổi học', en: 'Attendance', description: 'Confirmed attendance at a session (verified at creation)' },
  [LogSource.RESOURCE_STUDY]: { vi: 'Tự học tài nguyên', en: 'Resource study', description: 'Study of a platform resource (counts as self-study)' },
  [LogSource.SELF_DECLARED]: { vi: 'Tự khai', en: 'Self-declared', description: 'An external course or activity declared by the citizen' },
  [LogSource.IMPORT]: { vi: 'Nhập từ thiết chế', en: 'Import', description: 'Imported in bulk by an institution' },
});

registerLabelledEnum(LogStatus, 'LogStatus', 'Whether a learning log counts.', {
  [LogStatus.PENDING]: { vi: 'Chờ xác nhận', en: 'Pending', description: 'Awaiting verification' },
  [LogStatus.VERIFIED]: { vi: 'Đã xác nhận', en: 'Verified' },
  [LogStatus.REJECTED]: { vi: 'Bị từ chối', en: 'Rejected', description: 'Rejected by a verifier, with a reason' },
  [LogStatus.VOIDED]: { vi: 'Đã hủy bỏ', en: 'Voided', description: 'Voided as a correction, with a reason' },
});

registerLabelledEnum(LogResult, 'LogResult', 'What the learner achieved.', {
  [LogResult.PARTICIPATED]: { vi: 'Tham gia', en: 'Participated' },
  [LogResult.COMPLETED]: { vi: 'Hoàn thành', en: 'Completed', description: 'Completed the programme or holds a certificate' },
});

registerLabelledEnum(LineOutcome, 'LineOutcome', 'What happened to one line of a roster or an import.', {
  [LineOutcome.RECORDED]: { vi: 'Đã ghi nhận', en: 'Recorded' },
  [LineOutcome.ALREADY_RECORDED]: { vi: 'Đã ghi nhận trước đó', en: 'Already recorded' },
  [LineOutcome.MARKED_ABSENT]: { vi: 'Đã ghi vắng', en: 'Marked absent', description: 'Marked absent; an earlier attendance log was voided' },
  [LineOutcome.UNKNOWN_PERSON]: { vi: 'Không tìm thấy người', en: 'Unknown person' },
  [LineOutcome.REJECTED]: { vi: 'Bị từ chối', en: 'Rejected', description: 'Rejected, with a reason' },
});
