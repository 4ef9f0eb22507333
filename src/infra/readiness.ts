import { withinTime } from './time-limit';

export type CheckName = 'postgres' | 'redis' | 's3';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<CheckName, { ok: boolean; error?: string }>;
}

/** Runs every dependency check at once, each bounded in time, and says which ones fail. */
export async function checkReadiness(checks: Record<CheckName, () => Promise<void>>, timeoutMs = 2_000): Promise<ReadinessReport> {
  const names = Object.keys(checks) as CheckName[];
  const results = await Promise.allSettled(names.map((name) => withinTime(checks[name](), timeoutMs)));
  const report = { ready: true, checks: {} as ReadinessReport['checks'] };
  results.forEach((result, index) => {
    const name = names[index] as CheckName;
    if (result.status === 'fulfilled') {
      report.checks[name] = { ok: true };
    } else {
      report.ready = false;
      report.checks[name] = { ok: false, error: result.reason instanceof Error ? result.reason.message : String(result.reason) };
    }
  });
  return report;
}
