import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { UnitLevel } from '../../src/catalogue/catalogue.enums';
import { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import { TITLES_DATA_VERSION, type TitlesDataReport } from './titles-data';

/**
 * The titles bench's database (lifelong_titlebench, or BENCH_TITLES_DATABASE so that two checkouts
 * on one machine do not drop each other's): a synthetic province generated once per N by
 * `npm run bench:titles`, marked by the table bench_titles_dataset; other benches read it. Its
 * worker's queues are prefixed with the database's name when it is not the default.
 */
export const TITLES_DATABASE_NAME = process.env.BENCH_TITLES_DATABASE ?? 'lifelong_titlebench';
export const TITLES_QUEUE_PREFIX = process.env.BENCH_TITLES_DATABASE ?? 'titlebench';
export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlOf(database: string): string {
  const url = new URL(BENCH_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface Dataset {
  version: number;
  citizens: number;
  year: number;
  generation_ms: number;
  report: TitlesDataReport;
}

/** The dataset already in the bench database when it matches N, the year and the generator's version; null otherwise (or no database). */
export async function existingDataset(citizens: number, year: number): Promise<Dataset | null> {
  const exists = await withClient(BENCH_ADMIN_URL, (client) => client.query('select 1 from pg_database where datname = $1', [TITLES_DATABASE_NAME]));
  if (!exists.rowCount) return null;
  return withClient(urlOf(TITLES_DATABASE_NAME), async (client) => {
    const marker = await client.query<{ found: string | null }>(`select to_regclass('bench_titles_dataset')::text as found`);
    if (!marker.rows[0]?.found) return null;
    // A marker of an older generator may lack columns: read them all.
    const { rows } = await client.query<Partial<Dataset>>('select * from bench_titles_dataset');
    const row = rows[0];
    return row && row.version === TITLES_DATA_VERSION && row.citizens === citizens && row.year === year ? (row as Dataset) : null;
  });
}

/** The province root in force today (Tây Ninh after the 2025 merger). */
export async function provinceRoot(em: EntityManager, today: string): Promise<AdministrativeUnit> {
  const roots = await em.find(AdministrativeUnit, {
    parent: null,
    level: UnitLevel.PROVINCE,
    $and: [{ $or: [{ validFrom: null }, { validFrom: { $lte: today } }] }, { $or: [{ validTo: null }, { validTo: { $gte: today } }] }],
  });
  if (roots.length !== 1) throw new Error(`expected one province in force on ${today}, found ${roots.length}`);
  return roots[0] as AdministrativeUnit;
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (value: number) => value.toLocaleString('en-US');
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/** How benches print figures: seconds, whole numbers, MiB from KiB. */
export const format = { seconds, int, mib };

/** A titled block of label/value lines, labels aligned. */
export function table(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
