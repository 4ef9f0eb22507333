import { loadInWorker, type LoadResult } from '../load-client';
import { cpuSince, postgresCpu, processTreeCpu } from '../proc-cpu';
import type { ServedProcess } from '../served-process';
import { percentile } from '../stats';
import type { Shape, Side } from './shapes';

/**
 * Runs the product and its peer interleaved — for each round, each shape: product, then peer, with
 * the same load client — and prints a table per shape: throughput, latency, CPU per request of the
 * API's processes and of PostgreSQL's backends, and the product/peer throughput ratio.
 */

export interface SideBySideOptions {
  rounds: number;
  seconds: number;
  warmup: number;
  connections: number;
  adminUrl: string;
  database: string;
}

export interface Contender {
  server: ServedProcess;
  side: (shape: Shape) => Side;
}

interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
  apiCpuMs: number;
  postgresCpuMs: number | null;
  errors: number;
  errorSamples: string[];
}

async function post(url: string, query: string, variables: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = JSON.parse(await response.text()) as { data?: unknown; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length || !body.data) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

/** Both sides list the same ids, in the same order, for every variables of every shape; throws at the first that differs. */
export async function compareAnswers(shapes: Shape[], contenders: Contender[]): Promise<void> {
  for (const shape of shapes) {
    const [first, ...others] = contenders;
    if (!first) return;
    let compared = 0;
    for (let index = 0; index < first.side(shape).variables.length; index += 1) {
      const expected = first.side(shape).ids(await post(first.server.url, first.side(shape).query, first.side(shape).variables[index] as Record<string, unknown>));
      for (const other of others) {
        const side = other.side(shape);
        const actual = side.ids(await post(other.server.url, side.query, side.variables[index] as Record<string, unknown>));
        const at = expected.findIndex((id, position) => actual[position] !== id);
        if (at >= 0 || actual.length !== expected.length) {
          const position = at >= 0 ? at : Math.min(actual.length, expected.length);
          throw new Error(
            `${shape.name}: ${first.server.label} and ${other.server.label} differ at item ${position} of request ${index + 1}: ` +
              `${expected[position] ?? '(none)'} vs ${actual[position] ?? '(none)'} (${expected.length} vs ${actual.length} ids)`,
          );
        }
      }
      compared += expected.length;
    }
    console.log(`  ${shape.name}: same ${compared} ids (totals included) on ${contenders.map((contender) => contender.server.label).join(' and ')}`);
  }
}

async function measure(contender: Contender, shape: Shape, options: SideBySideOptions): Promise<RunFigures> {
  const side = contender.side(shape);
  let apiBefore = new Map<number, number>();
  let postgresBefore: Promise<Map<number, number> | null> = Promise.resolve(null);
  const result: LoadResult = await loadInWorker(
    { url: contender.server.url, query: side.query, variables: side.variables, concurrency: options.connections, warmupSeconds: options.warmup, seconds: options.seconds, timeoutMs: 10_000, persistedGet: side.persistedGet },
    () => {
      apiBefore = processTreeCpu(contender.server.pid);
      postgresBefore = postgresCpu(options.adminUrl, options.database).catch(() => null);
    },
  );
  const apiAfter = processTreeCpu(contender.server.pid);
  const before = await postgresBefore;
  const after = await postgresCpu(options.adminUrl, options.database).catch(() => null);
  const sorted = Float64Array.from(result.latenciesMs).sort();
  const answered = Math.max(1, result.requests);
  return {
    rps: (result.requests / result.elapsedMs) * 1000,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    apiCpuMs: cpuSince(apiBefore, apiAfter) / answered,
    postgresCpuMs: before && after ? cpuSince(before, after) / answered : null,
    errors: result.errors,
    errorSamples: result.errorSamples,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const fixed = (value: number | null, digits: number): string => (value === null || Number.isNaN(value) ? 'n/a' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

function printTable(shape: Shape, contenders: Contender[], runs: RunFigures[][]): void {
  const ratio = contenders.length > 1;
  const headers = ['round', ...contenders.flatMap((c) => [`${c.server.label} req/s`, 'p50 ms', 'p99 ms', 'API CPU ms/req', 'PG CPU ms/req', 'errors']), ...(ratio ? ['req/s ratio (1st/2nd)'] : [])];
  const row = (label: string, figures: (RunFigures | null)[], ratioValue: number | null): string[] => [
    label,
    ...figures.flatMap((f) => (f ? [fixed(f.rps, 1), fixed(f.p50, 1), fixed(f.p99, 1), fixed(f.apiCpuMs, 2), fixed(f.postgresCpuMs, 2), String(f.errors)] : [])),
    ...(ratio ? [fixed(ratioValue, 2)] : []),
  ];
  const ratioOf = (round: RunFigures[]): number | null => (ratio && round[0] && round[1] ? round[0].rps / round[1].rps : null);
  const rows = runs.map((round, index) => row(String(index + 1), round, ratioOf(round)));
  const medians = contenders.map((_contender, side): RunFigures => {
    const of = (pick: (f: RunFigures) => number | null): number[] => runs.map((round) => pick(round[side] as RunFigures)).filter((v): v is number => v !== null);
    const postgres = of((f) => f.postgresCpuMs);
    return { rps: median(of((f) => f.rps)), p50: median(of((f) => f.p50)), p99: median(of((f) => f.p99)), apiCpuMs: median(of((f) => f.apiCpuMs)), postgresCpuMs: postgres.length ? median(postgres) : null, errors: of((f) => f.errors).reduce((a, b) => a + b, 0), errorSamples: [] };
  });
  rows.push(row('median', medians, ratio ? median(runs.map(ratioOf).filter((v): v is number => v !== null)) : null));
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((cells) => (cells[column] as string).length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join(' | ')} |`;
  console.log(`\n${shape.name}`);
  console.log(line(headers));
  console.log(`|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
  for (const cells of rows) console.log(line(cells));
  for (const [side, contender] of contenders.entries()) {
    const samples = runs.flatMap((round) => round[side]?.errorSamples ?? []);
    for (const sample of samples.slice(0, 3)) console.log(`  ${contender.server.label} error: ${sample}`);
  }
}

export async function runSideBySide(shapes: Shape[], contenders: Contender[], options: SideBySideOptions): Promise<void> {
  const runs: RunFigures[][][] = shapes.map(() => []);
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const [index, shape] of shapes.entries()) {
      const figures: RunFigures[] = [];
      for (const contender of contenders) {
        const run = await measure(contender, shape, options);
        figures.push(run);
        console.log(`  round ${round}, ${shape.name}, ${contender.server.label}: ${fixed(run.rps, 1)} req/s, p99 ${fixed(run.p99, 1)} ms, API CPU ${fixed(run.apiCpuMs, 2)} ms/request`);
      }
      (runs[index] as RunFigures[][]).push(figures);
    }
  }
  for (const [index, shape] of shapes.entries()) printTable(shape, contenders, runs[index] as RunFigures[][]);
}

