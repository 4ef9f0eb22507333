import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

/** A GraphQL server the bench started as a process of its own. */
export interface ServedProcess {
  label: string;
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A port free right now on 127.0.0.1, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts `node script args` and waits until `url` answers `{ __typename }`; its output is kept
 * (the last 4 KB) to explain a process that ends before it does.
 */
export async function startServedProcess(
  label: string,
  url: string,
  script: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; startSeconds: number; nodeArgs?: string[] },
): Promise<ServedProcess> {
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exit = code;
      resolve();
    }),
  );
  const deadline = Date.now() + options.startSeconds * 1000;
  while (!(await answers(url))) {
    if (exit !== undefined) throw new Error(`${label} exited with code ${exit} before serving:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${label} did not answer on ${url} within ${options.startSeconds} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    label,
    url,
    pid: child.pid as number,
    stop: async () => {
      if (exit !== undefined) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
