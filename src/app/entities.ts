import { Account, RefreshToken, RoleGrant } from '../auth/account.entity';
import { AccountNotice } from '../auth/account-notice.entity';
import { ApiClient } from '../auth/api-client.entity';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { Body, BodyOfficer } from '../bodies/body.entity';
import { Institution } from '../catalogue/institutions/institution.entity';
import { Programme } from '../catalogue/programmes/programme.entity';
import { ProgrammeSession } from '../catalogue/programmes/session.entity';
import { Contribution, ExternalContributor } from '../emulation/contributions/contribution.entity';
import { CommendationForm, CommendationQuota, CommendationRound } from '../emulation/forms/form.entity';
import { HonourRollConsent } from '../emulation/honour-roll/consent.entity';
import { Initiative } from '../emulation/initiatives/initiative.entity';
import { Nomination, NominationStep } from '../emulation/nominations/nomination.entity';
import { AwardCredential } from '../credentials/award-credential.entity';
import { IssuerKey } from '../credentials/issuer-key.entity';
import { StatusListVersion } from '../credentials/status-list-version.entity';
import { BaseEntity } from '../infra/base.entity';
import { Attendance } from '../learning/attendance/attendance.entity';
import { FeedItem } from '../feeds/feed-item.entity';
import { LearningMapping } from '../learning/records/learning-mapping.entity';
import { XapiActivity } from '../xapi/xapi-activity.entity';
import { XapiAttachment } from '../xapi/xapi-attachment.entity';
import { XapiDocument } from '../xapi/xapi-document.entity';
import { XapiStatement } from '../xapi/xapi-statement.entity';
import { Enrollment } from '../learning/enrollment/enrollment.entity';
import { LearningGoal } from '../learning/plans/learning-goal.entity';
import { LearningLog } from '../learning/logs/learning-log.entity';
import { LearningYearClosure } from '../learning/year-closure/learning-year-closure.entity';
import { MediaAsset, MediaRendition, MediaStep, MediaText } from '../media/media-asset.entity';
import { OutboxJob } from '../media/outbox.entity';
import { Upload } from '../media/upload.entity';
import { Citizen } from '../people/citizens/citizen.entity';
import { Clan, ClanMembership } from '../people/groups/clan.entity';
import { Household, HouseholdMembership } from '../people/groups/household.entity';
import { Membership } from '../people/groups/membership.entity';
import { Organisation, OrganisationMandatoryProgramme, OrganisationMembership } from '../people/groups/organisation.entity';
import { LearningResource, ResourceUsage } from '../resources/resource.entity';
import { TitleDefinition, TitleIndicator, TitleRuleset } from '../titles/rulesets/ruleset.entity';
import { TitleAttestation, TitleAttestationAudit } from '../titles/progress/attestation.entity';
import { ReportAttachment } from '../reports/attachments/report-attachment.entity';
import { ConsolidatedReport } from '../reports/consolidation/consolidated-report.entity';
import { ReportFile } from '../reports/files/report-file.entity';
import { ReportingBody, ReportPeriod } from '../reports/periods/report-period.entity';
import { ReportSnapshot } from '../reports/snapshots/report-snapshot.entity';
import { Report, ReportReminder } from '../reports/workflow/report.entity';
import { TitleProgress, TitleProgressMonth } from '../titles/progress/progress.entity';
import { TitleRun } from '../titles/engine/run.entity';
import { TitleAward } from '../titles/recognition/recognition.entity';
import { TitleTarget } from '../titles/standings/standings.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';

/** Every entity the ORM knows; listed here so discovery never depends on file globs. */
export const ENTITIES = [
  BaseEntity,
  Account,
  AccountNotice,
  RoleGrant,
  RefreshToken,
  ApiClient,
  WebhookEndpoint,
  WebhookDelivery,
  FeedItem,
  XapiStatement,
  XapiAttachment,
  XapiDocument,
  XapiActivity,
  LearningMapping,
  AdministrativeUnit,
  Institution,
  Body,
  BodyOfficer,
  ReportPeriod,
  ReportingBody,
  ReportSnapshot,
  Report,
  ReportReminder,
  ReportAttachment,
  ConsolidatedReport,
  ReportFile,
  Programme,
  ProgrammeSession,
  Citizen,
  TitleRuleset,
  TitleDefinition,
  TitleIndicator,
  Enrollment,
  Attendance,
  LearningLog,
  LearningYearClosure,
  LearningGoal,
  Membership,
  Household,
  HouseholdMembership,
  Clan,
  ClanMembership,
  Organisation,
  OrganisationMembership,
  OrganisationMandatoryProgramme,
  MediaAsset,
  MediaStep,
  MediaRendition,
  MediaText,
  Upload,
  OutboxJob,
  LearningResource,
  ResourceUsage,
  TitleRun,
  TitleProgress,
  TitleProgressMonth,
  TitleAttestation,
  TitleAttestationAudit,
  TitleAward,
  IssuerKey,
  AwardCredential,
  StatusListVersion,
  TitleTarget,
  CommendationForm,
  CommendationRound,
  CommendationQuota,
  ExternalContributor,
  Contribution,
  Initiative,
  Nomination,
  NominationStep,
  HonourRollConsent,
];
