import { spawn } from 'node:child_process';
import path from 'node:path';
import { KILL_AFTER_SECONDS, runTool, ToolError } from '../../src/infra/tool-process';
import { descendantsOf, isGone, processInfo, waitFor } from '../helpers/processes';

it('stops a tool at its time limit, with SIGKILL when it ignores SIGTERM', async () => {
  const started = Date.now();
  const error = await runTool('sh', ['-c', 'trap "" TERM; while :; do sleep 0.05; done'], { timeoutMs: 500 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ToolError);
  expect(error).toMatchObject({ timedOut: true, message: 'sh: killed after running longer than 1 s' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(500 + KILL_AFTER_SECONDS * 1000 - 100);
}, 20_000);

it('tells a failing tool from one that ran out of time', async () => {
  await expect(runTool('sh', ['-c', 'echo broken >&2; exit 3'], { timeoutMs: 5_000 })).rejects.toMatchObject({ timedOut: false, message: 'sh: exited with 3: broken' });
  await expect(runTool('sh', ['-c', 'printf ok'], { timeoutMs: 5_000 })).resolves.toMatchObject({ stdout: Buffer.from('ok') });
});

it('stops the tool at its limit even when the process that started it was killed', async () => {
  const limitMs = 1_500;
  // A Node process that runs a tool meant to run for a minute, then is killed (as a worker can be).
  const script = `require(${JSON.stringify(path.resolve(__dirname, '../../dist/src/infra/tool-process.js'))}).runTool('sleep', ['60'], { timeoutMs: ${limitMs} }).catch(() => undefined)`;
  const parent = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  try {
    const tool = await waitFor(() => descendantsOf(parent.pid as number).find((p) => p.args[0] === 'sleep'), 10_000);
    expect(tool).not.toBeNull();
    const startedAt = Date.now();
    parent.kill('SIGKILL');
    await new Promise((resolve) => parent.once('exit', resolve));
    // Orphaned: its starter is dead, yet it still runs…
    expect(processInfo(tool!.pid)).toMatchObject({ args: ['sleep', '60'] });
    expect(isGone(tool!.pid)).toBe(false);
    // …until its limit, not for the minute it asked for.
    const gone = await waitFor(() => isGone(tool!.pid), limitMs + KILL_AFTER_SECONDS * 1000 + 3_000);
    expect(gone).toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(limitMs + 3_000);
  } finally {
    parent.kill('SIGKILL');
  }
}, 30_000);
