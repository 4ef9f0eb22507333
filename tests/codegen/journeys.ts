/*
 * Code a front-end team writes against the types @graphql-codegen generates from tests/codegen/operations: it must
 * compile under --strict. The @ts-expect-error lines hold the types to what the schema promises (a closed enum of error
 * codes, nullable seats, required variables): should the schema loosen them, those lines stop erroring and tsc fails.
 */
import type {
  EnrollMutation,
  EnrollmentStatus,
  MyLearningQuery,
  NearbyInstitutionsQuery,
  NearbyInstitutionsQueryVariables,
  RecogniseTitlesMutation,
  SignInMutation,
  StandingsQuery,
  TitleRunStatus,
  UserErrorCode,
  WatchRunSubscription,
  WatchSeatsSubscription,
} from './generated/operations';

type UserErrorOf<Payload extends { errors: readonly { code: UserErrorCode }[] }> = Payload['errors'][number];

export function signInProblem(error: UserErrorOf<SignInMutation['signIn']>): string {
  switch (error.code) {
    case 'SIGN_IN_THROTTLED':
    case 'SIGN_IN_LOCKED':
      return `Thử lại sau ${error.retryAfterSeconds ?? 60} giây`;
    case 'INVALID_CREDENTIALS':
      return 'Sai tên đăng nhập hoặc mật khẩu';
    default:
      return error.message;
  }
}

export function enrollmentBadge(status: EnrollmentStatus): string {
  switch (status) {
    case 'ENROLLED':
      return 'Đã đăng ký';
    case 'WAITLISTED':
      return 'Danh sách chờ';
    case 'CANCELLED':
      return 'Đã hủy';
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

export function afterEnrolling(result: EnrollMutation): string {
  const enrollment = result.enroll.enrollment;
  if (!enrollment) return result.enroll.errors.map((error) => error.message).join('\n');
  const seats = enrollment.session?.seatsLeft;
  // @ts-expect-error seatsLeft is null where a session has no capacity: it must be checked before arithmetic
  const afterMe: number = seats - 1;
  return `${enrollmentBadge(enrollment.status)}; ${seats === null || seats === undefined ? 'không giới hạn chỗ' : `còn ${seats} chỗ`} ${afterMe}`;
}

export const nearMe: NearbyInstitutionsQueryVariables = { near: { latitude: 10.5356, longitude: 106.4137, radiusKm: 25 } };
// @ts-expect-error the query cannot be sent without a place
export const nowhere: NearbyInstitutionsQueryVariables = {};

export function mapPins(data: NearbyInstitutionsQuery): { id: string; label: string; lat: number; lng: number; next: string[] }[] {
  return data.institutions.edges.flatMap(({ node }) =>
    node.latitude === null || node.latitude === undefined || node.longitude === null || node.longitude === undefined
      ? []
      : [{ id: node.id, label: `${node.name} (${node.kindLabel})`, lat: node.latitude, lng: node.longitude, next: node.upcomingSessions.map((session) => session.programme.title) }],
  );
}

export function hoursChart(data: MyLearningQuery): { label: string; verified: number; pending: number }[] {
  return data.myLearning.byTopic.map((topic) => ({ label: topic.topicLabel, verified: topic.verifiedHours, pending: topic.pendingHours }));
}

export function seatsText(event: WatchSeatsSubscription): string {
  const session = event.sessionSeats;
  return session.isFull ? `Hết chỗ, ${session.waitlistLength} người chờ` : `Còn ${session.seatsLeft ?? '∞'} chỗ`;
}

export function runFinished(event: WatchRunSubscription): boolean {
  const settled: TitleRunStatus[] = ['SUCCEEDED', 'FAILED'];
  return settled.includes(event.titleRunProgress.status);
}

export function refusals(result: RecogniseTitlesMutation): { subjectId: string; codes: UserErrorCode[] }[] {
  return result.recogniseTitles.results
    .filter((line) => !line.award)
    .map((line) => ({ subjectId: line.subjectId, codes: line.errors.map((error) => error.code) }));
}

export function behind(data: StandingsQuery): string[] {
  return (data.titleStandings?.children ?? []).filter((row) => row.behindTarget === true).map((row) => row.unit.name);
}

// @ts-expect-error an error code outside the schema's enum is refused at compile time
export const notACode: UserErrorCode = 'SOMETHING_ELSE';
