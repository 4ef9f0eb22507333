import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  parent: number;
  /** One letter: R running, S sleeping, T stopped, Z zombie… */
  state: string;
  args: string[];
}

/** What /proc says of a process; null when it is gone. */
export function processInfo(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: read the fields after the last ')'.
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, parent: Number(parent), state: state ?? '?', args };
  } catch {
    return null;
  }
}

/** Gone, or dead and waiting to be reaped. */
export function isGone(pid: number): boolean {
  const info = processInfo(pid);
  return info === null || info.state === 'Z';
}

/** The processes below `pid` (children, grandchildren…). */
export function descendantsOf(pid: number): ProcessInfo[] {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map((name) => processInfo(Number(name))).filter((info): info is ProcessInfo => info !== null);
  const found: ProcessInfo[] = [];
  let parents = new Set([pid]);
  while (parents.size) {
    const next = all.filter((info) => parents.has(info.parent));
    found.push(...next);
    parents = new Set(next.map((info) => info.pid));
  }
  return found;
}

export async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs: number, intervalMs = 25): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A size from /proc/<pid>/status (VmRSS, VmHWM — the peak resident set…) in bytes; null when gone. */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Starts a new peak (VmHWM) for a process: Linux resets it when "5" is written to clear_refs. */
export function resetPeakMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * CPU seconds a process has used (user and system), with those of its children it has waited for
 * (an ffmpeg under its `timeout`, once finished, counts for the process that started it).
 */
export function cpuSecondsOf(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields 14-17 (utime, stime, cutime, cstime), counted from the state (field 3) after the command name.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / CLOCK_TICKS_PER_SECOND;
}
