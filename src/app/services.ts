import type { Redis } from 'ioredis';
import type { Config } from '../core/config';
import { AccountNoticeService } from '../auth/account-notice.service';
import { ApiClientService } from '../auth/api-client.service';
import { AuthService } from '../auth/auth.service';
import { SignInGuard } from '../auth/sign-in-limits';
import { BodyService } from '../bodies/body.service';
import { InstitutionService } from '../catalogue/institutions/institution.service';
import { ProgrammeService } from '../catalogue/programmes/programme.service';
import { SessionService } from '../catalogue/programmes/session.service';
import { UnitImportService } from '../catalogue/units/unit-import.service';
import { UnitService } from '../catalogue/units/unit.service';
import { createCredentialServices, type CredentialServices } from '../credentials';
import { CursorCodec } from '../graphql/cursor';
import { createEmulationServices, type EmulationServices } from '../emulation';
import { NationalIdProtector } from '../people/citizens/national-id';
import { CitizenImportService } from '../people/citizens/citizen-import.service';
import { CitizenService } from '../people/citizens/citizen.service';
import { ClanService } from '../people/groups/clan.service';
import { GroupListService } from '../people/groups/group-list.service';
import { HouseholdService } from '../people/groups/household.service';
import { OrganisationService } from '../people/groups/organisation.service';
import { RulesetService } from '../titles/rulesets/ruleset.service';
import { AttemptLimiter } from '../infra/attempt-limiter';
import { EventBus } from '../infra/events';
import type { Logger } from '../infra/logger';
import type { JobQueues } from '../infra/queue';
import type { Storage } from '../infra/storage';
import { createLearningServices, type LearningServices } from '../learning';
import { MediaReadService } from '../media/media-read.service';
import { ProcessingService } from '../media/processing.service';
import { StepRunner } from '../media/step-runner';
import { EvidenceUploadService } from '../media/evidence-upload.service';
import { UploadService } from '../media/upload.service';
import { JobQueueService } from '../operations/job-queues.service';
import { createReportServices, type ReportServices } from '../reports';
import { ResourceService } from '../resources/resource.service';
import { createTitleServices, type TitleServices } from '../titles';
import { toGlobalId } from '../graphql/global-id';
import { WebhookService } from '../webhooks/webhook.service';
import { PublicChanges } from './public-changes';

/** The application's services, made once per process; every method takes a RequestContext first. */
export interface Services {
  auth: AuthService;
  accountNotices: AccountNoticeService;
  apiClients: ApiClientService;
  units: UnitService;
  unitImport: UnitImportService;
  institutions: InstitutionService;
  bodies: BodyService;
  programmes: ProgrammeService;
  sessions: SessionService;
  cursors: CursorCodec;
  nationalIds: NationalIdProtector;
  citizens: CitizenService;
  citizenImport: CitizenImportService;
  households: HouseholdService;
  clans: ClanService;
  organisations: OrganisationService;
  groupLists: GroupListService;
  rulesets: RulesetService;
  learning: LearningServices;
  media: MediaReadService;
  uploads: UploadService;
  evidenceUploads: EvidenceUploadService;
  processing: ProcessingService;
  steps: StepRunner;
  /** Producers of every queue, opened on first use. */
  queues: JobQueues;
  /** Events through Redis, for subscriptions; listening opens its connection on first use. */
  events: EventBus;
  /** The generation of the public data, moved after each commit that changes it (for the response cache). */
  publicChanges: PublicChanges;
  jobQueues: JobQueueService;
  resources: ResourceService;
  titles: TitleServices;
  emulation: EmulationServices;
  reports: ReportServices;
  webhooks: WebhookService;
  credentials: CredentialServices;
}

declare module '../core/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the services into the context's view of them
  interface ContextServices extends Services {}
}

/**
 * `storage` is null for tools that never touch media (migrations, imports); `redis` holds the
 * counts of failed sign-ins and publishes events (a lazily connected client in tools that do neither).
 */
export function createServices(config: Config, storage: Storage | null, queues: JobQueues, redis: Redis, log: Logger): Services {
  const units = new UnitService();
  const storageOf = (): Storage => {
    if (!storage) throw new Error('object storage is not connected in this process');
    return storage;
  };
  const media = new MediaReadService(config.media, storageOf);
  const uploads = new UploadService(config.media, storageOf);
  const webhooks = new WebhookService(config.webhooks, toGlobalId, (): EventBus => events, log);
  const publicChanges = new PublicChanges((): EventBus => events, log);
  const events = new EventBus(redis, config.redisUrl, config.queuePrefix, log, [webhooks.recorder, publicChanges.recorder()]);
  const processing = new ProcessingService(config.media, media, events);
  const institutions = new InstitutionService(units);
  const programmes = new ProgrammeService(units, institutions);
  const citizens = new CitizenService(units);
  const accountNotices = new AccountNoticeService();
  const bodies = new BodyService(units);
  const signInGuard = new SignInGuard(new AttemptLimiter(redis, `${config.queuePrefix}:sign-in`, log), config.signIn);
  return {
    auth: new AuthService(config, signInGuard, accountNotices),
    accountNotices,
    apiClients: new ApiClientService((): EventBus => events, log),
    units,
    unitImport: new UnitImportService(),
    institutions,
    bodies,
    programmes,
    sessions: new SessionService(units, programmes),
    cursors: new CursorCodec(`cursor:${config.jwtSecret}`),
    nationalIds: new NationalIdProtector(config.nationalIdKey),
    citizens,
    citizenImport: new CitizenImportService(citizens),
    households: new HouseholdService(citizens),
    clans: new ClanService(citizens),
    organisations: new OrganisationService(citizens),
    groupLists: new GroupListService(units),
    rulesets: new RulesetService(),
    learning: createLearningServices(config.jwtSecret, storageOf),
    media,
    uploads,
    evidenceUploads: new EvidenceUploadService(uploads),
    processing,
    steps: new StepRunner(config.media, storageOf, processing),
    queues,
    events,
    publicChanges,
    jobQueues: new JobQueueService(queues),
    resources: new ResourceService(units, media),
    titles: createTitleServices(config.titles, queues),
    emulation: createEmulationServices(bodies),
    reports: createReportServices(storageOf),
    webhooks,
    credentials: createCredentialServices(config),
  };
}
