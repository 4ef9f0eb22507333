import { spawn } from 'node:child_process';
import path from 'node:path';

/** An external tool that failed: its exit, the end of its error output, and whether it ran out of time. */
export class ToolError extends Error {
  constructor(
    readonly tool: string,
    message: string,
    readonly timedOut = false,
  ) {
    super(`${tool}: ${message}`);
  }
}

export interface ToolResult {
  stdout: Buffer;
  stderr: string;
}

/** Seconds a tool gets to stop after the SIGTERM of its time limit, before SIGKILL. */
export const KILL_AFTER_SECONDS = 5;

/** coreutils `timeout` exits with this when the limit was reached and SIGTERM stopped the tool. */
const TIMED_OUT_STATUS = 124;

/**
 * The command line that runs a tool under coreutils `timeout`: SIGTERM at the limit, SIGKILL
 * (which a hung ffmpeg cannot ignore) `KILL_AFTER_SECONDS` later. `timeout` is a process of its
 * own, so the limit holds even when the Node process that started the tool is killed (a timer in
 * that process would die with it and leave the tool running for ever); it puts the tool in its
 * own process group and signals the whole group, so the tool's children go too.
 */
export function limitedCommand(command: string, args: string[], timeoutMs: number): { command: string; args: string[] } {
  const seconds = Math.max(0.001, timeoutMs / 1000).toFixed(3);
  return { command: 'timeout', args: ['--signal=TERM', `--kill-after=${KILL_AFTER_SECONDS}s`, `${seconds}s`, command, ...args] };
}

/**
 * Runs a command line tool with no shell, under a time limit of `timeoutMs` that does not depend
 * on this process (see `limitedCommand`). Standard output is kept up to `maxStdoutBytes`. Errors
 * name the tool by its file name, not its path (a step's error is shown to the uploader).
 */
export function runTool(command: string, args: string[], options: { timeoutMs: number; maxStdoutBytes?: number }): Promise<ToolResult> {
  const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024;
  const limited = limitedCommand(command, args, options.timeoutMs);
  const tool = path.basename(command);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(limited.command, limited.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes < maxStdout) stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    // Only the end of the error output says what went wrong; keep it bounded.
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => reject(new ToolError(tool, error.message)));
    child.on('close', (code, signal) => {
      // SIGKILL reaches `timeout` itself too (it signals its whole group), hence a signal here.
      const timedOut = code === TIMED_OUT_STATUS || ((signal === 'SIGKILL' || code === 128 + 9) && Date.now() - started >= options.timeoutMs);
      if (timedOut) reject(new ToolError(tool, `killed after running longer than ${Math.round(options.timeoutMs / 1000)} s`, true));
      else if (code !== 0) reject(new ToolError(tool, `exited with ${code ?? signal}: ${lastLines(stderr)}`));
      else resolve({ stdout: Buffer.concat(stdout).subarray(0, maxStdout), stderr });
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 600);
}

/** Why a file cannot be used, as a code a caller can show people (the message holds the details). */
export type UnusableReason = 'NO_VIDEO_STREAM' | 'NO_AUDIO_STREAM' | 'IMAGE_UNREADABLE' | 'TOO_MANY_PIXELS' | 'DOCUMENT_UNREADABLE' | 'DOCUMENT_ENCRYPTED' | 'TOO_MANY_PAGES';

/** The file itself cannot be used (corrupt, too large, not what it claims): running again will not help. */
export class UnusableInputError extends Error {
  constructor(
    readonly reason: UnusableReason,
    message: string,
  ) {
    super(message);
  }
}
