import { spawn } from 'node:child_process';

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

/**
 * Runs a command line tool with no shell; kills it (SIGKILL, so a hung ffmpeg cannot ignore it)
 * when it outlives `timeoutMs`. Standard output is kept up to `maxStdoutBytes`.
 */
export function runTool(command: string, args: string[], options: { timeoutMs: number; maxStdoutBytes?: number }): Promise<ToolResult> {
  const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes < maxStdout) stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    // Only the end of the error output says what went wrong; keep it bounded.
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ToolError(command, error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new ToolError(command, `killed after running longer than ${Math.round(options.timeoutMs / 1000)} s`, true));
      else if (code !== 0) reject(new ToolError(command, `exited with ${code ?? signal}: ${lastLines(stderr)}`));
      else resolve({ stdout: Buffer.concat(stdout).subarray(0, maxStdout), stderr });
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 600);
}

/** The file itself cannot be used (corrupt, too large, not what it claims): running again will not help. */
export class UnusableInputError extends Error {}
