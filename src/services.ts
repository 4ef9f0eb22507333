import type { Config } from './config';
import { ApiClientService } from './auth/api-client.service';
import { AuthService } from './auth/auth.service';
import { InstitutionService } from './catalogue/institution.service';
import { ProgrammeService } from './catalogue/programme.service';
import { SessionService } from './catalogue/session.service';
import { UnitImportService } from './catalogue/unit-import.service';
import { UnitService } from './catalogue/unit.service';
import { CursorCodec } from './graphql/cursor';
import { NationalIdProtector } from './people/national-id';
import { RulesetService } from './titles/ruleset.service';
import type { JobQueues } from './infra/queue';
import type { Storage } from './infra/storage';
import { createTitleServices, type TitleServices } from './titles';
import { createLearningServices, type LearningServices } from './learning';

/** The application's services, made once per process; every method takes a RequestContext first. */
export interface Services {
  auth: AuthService;
  apiClients: ApiClientService;
  units: UnitService;
  unitImport: UnitImportService;
  institutions: InstitutionService;
  programmes: ProgrammeService;
  sessions: SessionService;
  cursors: CursorCodec;
  nationalIds: NationalIdProtector;
  rulesets: RulesetService;
  learning: LearningServices;
  titles: TitleServices;
}

/** `storage` and `queues` are null in one-shot tools that open neither object storage nor queues. */
export function createServices(config: Config, storage: Storage | null = null, queues: JobQueues | null = null): Services {
  const units = new UnitService();
  const institutions = new InstitutionService(units);
  const programmes = new ProgrammeService(units, institutions);
  return {
    auth: new AuthService(config),
    apiClients: new ApiClientService(),
    units,
    unitImport: new UnitImportService(),
    institutions,
    programmes,
    sessions: new SessionService(units, programmes),
    cursors: new CursorCodec(`cursor:${config.jwtSecret}`),
    nationalIds: new NationalIdProtector(config.nationalIdKey),
    rulesets: new RulesetService(),
    learning: createLearningServices(config.jwtSecret, storage),
    titles: createTitleServices(config.titles, queues),
  };
}
