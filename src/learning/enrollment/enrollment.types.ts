import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { EnrollmentStatus } from '../learning.enums';

@ObjectType('Enrollment', { simpleResolvers: true, implements: Node, description: 'A citizen’s registration for a session. Seen by the citizen, staff of the session’s institution, assessors of the citizen’s unit.' })
export class EnrollmentType extends Node {
  @Field(() => EnrollmentStatus, { description: 'Enrolled (has a seat), waitlisted or cancelled.' })
  status!: EnrollmentStatus;

  @Field({ description: 'When the citizen (last) asked for a seat; the waitlist is served in this order.' })
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  cancelledAt!: Date | null;
}

@ObjectType('EnrollmentEdge', { simpleResolvers: true, description: 'One enrollment in a list.' })
export class EnrollmentEdge extends EdgeType('Enrollment', EnrollmentType) {}

@ObjectType('EnrollmentConnection', { simpleResolvers: true, description: 'A page of enrollments.' })
export class EnrollmentConnection extends ConnectionType('Enrollment', EnrollmentEdge) {}

// Inputs

@InputType({ description: 'Register for a session.' })
export class EnrollInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;
}

@InputType({ description: 'Cancel your registration.' })
export class CancelEnrollmentInput {
  @Field(() => ID, { description: 'The enrollment.' })
  enrollmentId!: string;
}

// Payloads

@ObjectType({ description: 'The result of enroll or cancelEnrollment.' })
export class EnrollmentPayload {
  @Field(() => EnrollmentType, { nullable: true, description: 'The enrollment; null when there are errors.' })
  enrollment!: unknown;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}
