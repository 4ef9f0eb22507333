import type { TitlesConfig } from '../config';
import type { JobQueues } from '../infra/queue';
import { AttestationService } from './attestation.service';
import { DryRunService } from './dry-run.service';
import { TitleProgressService } from './progress.service';
import { TitleRunExecutor } from './run-executor';
import { TitleRunService } from './run.service';

/** The titles engine's services: runs (start, read, execute), progress, attestations. */
export interface TitleServices {
  runs: TitleRunService;
  executor: TitleRunExecutor;
  progress: TitleProgressService;
  attestations: AttestationService;
  dryRuns: DryRunService;
}

export function createTitleServices(settings: TitlesConfig, queues: JobQueues): TitleServices {
  return {
    runs: new TitleRunService(queues, settings),
    executor: new TitleRunExecutor(settings),
    progress: new TitleProgressService(),
    attestations: new AttestationService(),
    dryRuns: new DryRunService(settings.batchSize),
  };
}
