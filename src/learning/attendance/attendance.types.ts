import { ArrayMaxSize, ArrayMinSize, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graphql/relay';
import { AttendanceMethod, AttendanceStatus } from '../learning.enums';

@ObjectType('AttendanceRecord', { simpleResolvers: true, description: 'Whether a person attended a session, as last marked.' })
export class AttendanceRecordType {
  @Field(() => AttendanceStatus, { description: 'Present or absent.' })
  status!: AttendanceStatus;

  @Field(() => AttendanceMethod, { description: 'How it was recorded.' })
  method!: AttendanceMethod;

  @Field({ description: 'When it was last marked.' })
  markedAt!: Date;
}

@ObjectType('AttendanceRecordEdge', { simpleResolvers: true, description: 'One attendance record in a list.' })
export class AttendanceRecordEdge extends EdgeType('AttendanceRecord', AttendanceRecordType) {}

@ObjectType('AttendanceRecordConnection', { simpleResolvers: true, description: 'A page of attendance records.' })
export class AttendanceRecordConnection extends ConnectionType('AttendanceRecord', AttendanceRecordEdge) {}

@ObjectType('CheckInCode', { simpleResolvers: true, description: 'The code citizens type or scan to check in at a session; it changes every 5 minutes.' })
export class CheckInCodeType {
  @Field({ description: 'The code to type, 8 letters and digits.' })
  code!: string;

  @Field({ description: 'Text to show as a QR code: `hoctap-checkin:<session id>:<code>`.' })
  qrContent!: string;

  @Field({ description: 'When the code stops being accepted.' })
  validUntil!: Date;
}

@InputType({ description: 'One person on a roster.' })
export class AttendanceMarkInput {
  @Field(() => ID, { description: 'The citizen (e.g. from the session’s enrollments).' })
  citizenId!: string;

  @Field({ description: 'Present (true) or absent (false).' })
  present!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an earlier present mark is taken back.' })
  @Length(0, 1000)
  reason?: string | null;
}

@InputType({ description: 'Mark a session’s roster.' })
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;

  @Field(() => [AttendanceMarkInput], { description: 'The marks, at most 2000.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  marks!: AttendanceMarkInput[];
}

@InputType({ description: 'Import a session’s attendance from CSV: a column `person` (national ID or mobile number) and an optional `present` (yes/no).' })
export class ImportAttendanceInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;

  @Field({ description: 'The CSV text, with a header line.' })
  @Length(1, 1_000_000)
  csv!: string;
}

@InputType({ description: 'Check in at a session with the code shown there.' })
export class CheckInInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;

  @Field({ description: 'The code shown by the staff.' })
  @Length(1, 20)
  code!: string;
}
