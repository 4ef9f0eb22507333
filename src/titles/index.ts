import type { TitlesConfig } from '../core/config';
import type { JobQueues } from '../infra/queue';
import { AttestationService } from './progress/attestation.service';
import { DryRunService } from './rulesets/dry-run.service';
import { TitleProgressService } from './progress/progress.service';
import { RecognitionService } from './recognition/recognition.service';
import { TitleRunExecutor } from './engine/run-executor';
import { TitleRunService } from './engine/run.service';
import { StandingsService } from './standings/standings.service';

/** The titles engine's services: runs (start, read, execute), progress, attestations. */
export interface TitleServices {
  runs: TitleRunService;
  executor: TitleRunExecutor;
  progress: TitleProgressService;
  attestations: AttestationService;
  recognition: RecognitionService;
  standings: StandingsService;
  dryRuns: DryRunService;
}

export function createTitleServices(settings: TitlesConfig, queues: JobQueues): TitleServices {
  return {
    runs: new TitleRunService(queues, settings),
    executor: new TitleRunExecutor(settings),
    progress: new TitleProgressService(),
    attestations: new AttestationService(),
    recognition: new RecognitionService(),
    standings: new StandingsService(),
    dryRuns: new DryRunService(settings.batchSize, settings.workMem),
  };
}
