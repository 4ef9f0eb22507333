import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/*
 * CPU time of processes on this machine, read from /proc/PID/stat: utime and stime are its fields
 * 14 and 15, in clock ticks (USER_HZ, 100 on Linux); the 4th is the parent's pid.
 */

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: the 3rd field first.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    // The process ended in between, or /proc is not there.
    return null;
  }
}

/** CPU time (ms) the process has used, or null when it is gone. */
export function processCpuMs(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 : null;
}

/** CPU time (ms) of each process of the tree under `rootPid` (it included): an API primary and its node:cluster workers. */
export function processTreeCpu(rootPid: number): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields) parents.set(Number(entry), Number(fields[1]));
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const cpu = new Map<number, number>();
  for (const pid of tree) {
    const ms = processCpuMs(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** CPU time (ms) each PostgreSQL backend of the database has used (same machine only); null when none could be read. */
export async function postgresCpu(adminUrl: string, database: string): Promise<Map<number, number> | null> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms !== null) cpu.set(pid, ms);
    }
    return rows.length && !cpu.size ? null : cpu;
  } finally {
    await client.end();
  }
}

/** CPU (ms) used between two readings: processes that started in between count from zero. */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, total] of after) ms += total - (before.get(pid) ?? 0);
  return ms;
}
