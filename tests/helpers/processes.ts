import { readdirSync, readFileSync } from 'node:fs';

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
