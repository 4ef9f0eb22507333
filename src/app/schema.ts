import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, FieldResolver, ID, Info, Resolver, Root, type PubSub } from 'type-graphql';
import { argumentValidator } from '../graphql/argument-validation';
import type { GraphQLResolveInfo } from 'graphql';
import { authChecker } from '../auth/auth-checker';
import { AccountNoticeResolver, AccountNoticesResolver } from '../auth/account-notice.resolver';
import { ApiClientResolver } from '../auth/api-client.resolver';
import { WebhookEndpointResolver } from '../webhooks/webhook.resolver';
import { AuthResolver, RoleGrantResolver } from '../auth/auth.resolver';
import { InstitutionStaffResolver } from '../auth/institution-staff.resolver';
import { BodyResolver } from '../bodies/body.resolver';
import { ContributionResolver, ExternalContributorResolver } from '../emulation/contributions/contribution.resolver';
import { CommendationFormResolver, CommendationRoundResolver } from '../emulation/forms/form.resolver';
import { HonourRollResolver } from '../emulation/honour-roll/honour-roll.resolver';
import { InitiativeResolver } from '../emulation/initiatives/initiative.resolver';
import { DossierResolver, NominationResolver, NominationStepResolver } from '../emulation/nominations/nomination.resolver';
import { EmulationResultResolver } from '../emulation/criteria/emulation-result.resolver';
import { ReportAttachmentResolver } from '../reports/graphql/attachment.resolver';
import { ReportPeriodResolver } from '../reports/graphql/report-period.resolver';
import { ReportFileResolver, ReportFilesOfConsolidatedResolver, ReportFilesOfReportResolver } from '../reports/graphql/report-file.resolver';
import { ReportResolver } from '../reports/graphql/report.resolver';
import { ConsolidatedReportResolver, SubmissionBoardLineResolver, SubmissionBoardResolver } from '../reports/graphql/review.resolver';
import { InstitutionResolver } from '../catalogue/institutions/institution.resolver';
import { ProgrammeResolver } from '../catalogue/programmes/programme.resolver';
import { SessionResolver } from '../catalogue/programmes/session.resolver';
import { UnitResolver } from '../catalogue/units/unit.resolver';
import { CitizenResolver } from '../people/citizens/citizen.resolver';
import { ClanHouseholdResolver, ClanResolver } from '../people/groups/clan.resolver';
import { HouseholdMemberResolver, HouseholdResolver } from '../people/groups/household.resolver';
import { CitizenOrganisationResolver, OrganisationMemberResolver, OrganisationResolver } from '../people/groups/organisation.resolver';
import { RulesetResolver, TitleDefinitionResolver, TitleIndicatorResolver } from '../titles/rulesets/ruleset.resolver';
import { AttendanceResolver } from '../learning/attendance/attendance.resolver';
import { AttendanceRecordResolver, EnrollmentResolver, SessionLearningResolver } from '../learning/enrollment/enrollment.resolver';
import { SessionSeatsResolver } from '../learning/enrollment/session-seats.resolver';
import { SourceHoursResolver, TopicHoursResolver } from '../learning/records/hours-labels.resolver';
import { LearningLogResolver } from '../learning/logs/learning-log.resolver';
import { LearningPlanResolver } from '../learning/plans/learning-plan.resolver';
import { CitizenLearningResolver, MyLearningResolver } from '../learning/records/my-learning.resolver';
import { EvidenceUploadResolver } from '../media/evidence-upload.resolver';
import { MediaAssetResolver, MediaRenditionResolver, MediaStepResolver } from '../media/media.resolver';
import { JobQueueResolver } from '../operations/job-queue.resolver';
import { LearningResourceResolver } from '../resources/resource.resolver';
import { CitizenTitlesResolver, TitleProgressResolver, TitleRunResolver } from '../titles/engine/engine.resolver';
import { CitizenAwardsResolver, TitleAwardResolver } from '../titles/recognition/recognition.resolver';
import { CommendationCredentialResolver } from '../credentials/commendation-credential.resolver';
import { AwardCredentialResolver, AwardCredentialsResolver } from '../credentials/credential.resolver';
import { TitleStandingsResolver } from '../titles/standings/standings.resolver';
import { RulesetDryRunResolver } from '../titles/engine/engine.resolver';
import { toGlobalId } from '../graphql/global-id';
import { NodeResolver, registerLabelledEnumList } from '../graphql/node.resolver';
import { describeRootTypes } from '../graphql/root-descriptions';
import { Node } from '../graphql/relay';

@Resolver(() => Node)
class GlobalIdResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id; pass it to `node(id:)` or to mutations as is.' })
  id(@Root() root: { id: string }, @Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name, root.id);
  }
}

export const RESOLVERS = [
  GlobalIdResolver,
  NodeResolver,
  AuthResolver,
  RoleGrantResolver,
  AccountNoticesResolver,
  AccountNoticeResolver,
  ApiClientResolver,
  WebhookEndpointResolver,
  InstitutionStaffResolver,
  UnitResolver,
  InstitutionResolver,
  BodyResolver,
  ReportPeriodResolver,
  ReportResolver,
  ReportAttachmentResolver,
  SubmissionBoardResolver,
  SubmissionBoardLineResolver,
  ConsolidatedReportResolver,
  ReportFileResolver,
  ReportFilesOfReportResolver,
  ReportFilesOfConsolidatedResolver,
  ProgrammeResolver,
  SessionResolver,
  CitizenResolver,
  HouseholdResolver,
  HouseholdMemberResolver,
  ClanResolver,
  ClanHouseholdResolver,
  OrganisationResolver,
  OrganisationMemberResolver,
  CitizenOrganisationResolver,
  RulesetResolver,
  TitleDefinitionResolver,
  TitleIndicatorResolver,
  EnrollmentResolver,
  AttendanceRecordResolver,
  SessionLearningResolver,
  SessionSeatsResolver,
  TopicHoursResolver,
  SourceHoursResolver,
  AttendanceResolver,
  LearningLogResolver,
  MyLearningResolver,
  CitizenLearningResolver,
  LearningPlanResolver,
  MediaAssetResolver,
  EvidenceUploadResolver,
  MediaRenditionResolver,
  MediaStepResolver,
  JobQueueResolver,
  LearningResourceResolver,
  TitleRunResolver,
  TitleProgressResolver,
  CitizenTitlesResolver,
  TitleAwardResolver,
  AwardCredentialResolver,
  AwardCredentialsResolver,
  CommendationCredentialResolver,
  CitizenAwardsResolver,
  TitleStandingsResolver,
  RulesetDryRunResolver,
  CommendationFormResolver,
  CommendationRoundResolver,
  ContributionResolver,
  ExternalContributorResolver,
  InitiativeResolver,
  NominationResolver,
  EmulationResultResolver,
  DossierResolver,
  NominationStepResolver,
  HonourRollResolver,
] as const;

/**
 * type-graphql asks for a PubSub as soon as there are subscriptions, for those listening to topics. Every one of ours names its
 * `subscribe` (src/graphql/subscriptions.ts, through the context's EventBus), so this one is never used.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('events are published through the EventBus of the services');
  },
  subscribe() {
    throw new Error('every subscription names its own subscribe function');
  },
};

let built: Promise<GraphQLSchema> | null = null;

/** The API's schema, built once per process from the resolver classes. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  if (!built) {
    registerLabelledEnumList();
    built = buildSchema({
      resolvers: RESOLVERS,
      authChecker,
      pubSub: NO_TOPICS,
      validateFn: argumentValidator(),
      scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    }).then(describeRootTypes);
  }
  return built;
}
