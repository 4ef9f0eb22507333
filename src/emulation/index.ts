import type { BodyService } from '../bodies/body.service';
import { ContributionService } from './contributions/contribution.service';
import { EmulationResultService } from './criteria/emulation-result.service';
import { CommendationFormService } from './forms/form.service';
import { HonourRollService } from './honour-roll/honour-roll.service';
import { InitiativeService } from './initiatives/initiative.service';
import { NominationService } from './nominations/nomination.service';
import { NominationWorkflowService } from './nominations/workflow.service';

/** Emulation and commendation: contributions, initiatives, forms and rounds, nominations, the honour roll, the collectives' checklists. */
export interface EmulationServices {
  forms: CommendationFormService;
  contributions: ContributionService;
  initiatives: InitiativeService;
  nominations: NominationService;
  workflow: NominationWorkflowService;
  honourRoll: HonourRollService;
  /** The collectives' emulation checklists, evaluated by the titles engine. */
  results: EmulationResultService;
}

export function createEmulationServices(bodies: BodyService): EmulationServices {
  const forms = new CommendationFormService();
  const nominations = new NominationService(bodies, forms);
  return {
    forms,
    contributions: new ContributionService(bodies),
    initiatives: new InitiativeService(bodies),
    nominations,
    workflow: new NominationWorkflowService(nominations),
    honourRoll: new HonourRollService(),
    results: new EmulationResultService(),
  };
}
