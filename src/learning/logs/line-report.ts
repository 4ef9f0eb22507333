import type { ParamValue } from '../../core/user-error-messages';
import { LineOutcome } from '../learning.enums';
import type { UserErrorCode } from '../../core/user-error-codes';
import type { LearningLog } from './learning-log.entity';

/** One line of a roster or an import, and what happened to it. */
export interface ReportLine {
  line: number;
  /** How the line named the person, as given (a citizen id, a national ID or a phone number). */
  person: string;
  outcome: LineOutcome;
  code: UserErrorCode | null;
  message: string | null;
  /** The values of the code's message, for rethrowing the line as a UserError (a check-in). */
  params?: Record<string, ParamValue>;
  log: LearningLog | null;
}

export interface LineReport {
  lines: ReportLine[];
  recorded: number;
  alreadyRecorded: number;
  markedAbsent: number;
  unknownPeople: number;
  rejected: number;
}

export function summarise(lines: ReportLine[]): LineReport {
  const count = (outcome: LineOutcome) => lines.filter((line) => line.outcome === outcome).length;
  return {
    lines,
    recorded: count(LineOutcome.RECORDED),
    alreadyRecorded: count(LineOutcome.ALREADY_RECORDED),
    markedAbsent: count(LineOutcome.MARKED_ABSENT),
    unknownPeople: count(LineOutcome.UNKNOWN_PERSON),
    rejected: count(LineOutcome.REJECTED),
  };
}
