import { newestFirstPage, type Seek } from '../../src/infra/keyset';

interface Row {
  id: string;
  createdAt: Date;
}

type Condition = Record<string, unknown>;

/** Evaluates the `where` newestFirstPage builds (`$or`, `$lt`, `$gt`, equality) the way the ORM's SQL would. */
function matches(row: Row, where: Condition): boolean {
  return Object.entries(where).every(([key, condition]) => {
    if (key === '$or') return (condition as Condition[]).some((branch) => matches(row, branch));
    const value = row[key as keyof Row];
    const left = value instanceof Date ? value.getTime() : value;
    const bound = (target: unknown) => (target instanceof Date ? target.getTime() : target) as number | string;
    if (condition instanceof Date || typeof condition === 'string') return left === bound(condition);
    const { $lt, $gt } = condition as { $lt?: unknown; $gt?: unknown };
    if ($lt !== undefined) return left < bound($lt);
    if ($gt !== undefined) return left > bound($gt);
    throw new Error(`unexpected condition on ${key}`);
  });
}

function readPage(rows: Row[], seek: Seek): Row[] {
  const page = newestFirstPage(seek);
  const sign = page.orderBy.createdAt === 'desc' ? -1 : 1;
  const selected = rows
    .filter((row) => matches(row, page.where))
    .sort((a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .slice(0, seek.limit);
  return page.inListOrder(selected);
}

const position = (row: Row) => [row.createdAt.toISOString(), row.id];

// Three rows share a timestamp, so the id has to break the tie on both sides of a cursor.
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 8, minute));
const rows: Row[] = [
  { id: '00000000-0000-4000-8000-000000000001', createdAt: at(1) },
  { id: '00000000-0000-4000-8000-000000000002', createdAt: at(5) },
  { id: '00000000-0000-4000-8000-000000000003', createdAt: at(5) },
  { id: '00000000-0000-4000-8000-000000000004', createdAt: at(5) },
  { id: '00000000-0000-4000-8000-000000000005', createdAt: at(9) },
  { id: '00000000-0000-4000-8000-000000000006', createdAt: at(2) },
];
const newestFirst = ['5', '4', '3', '2', '6', '1'].map((last) => `00000000-0000-4000-8000-00000000000${last}`);
const ids = (page: Row[]) => page.map((row) => row.id);

test('forward pages walk the list newest first, ties by id, without gaps or repeats', () => {
  const seen: string[] = [];
  let page = readPage(rows, { direction: 'forward', position: null, limit: 2 });
  while (page.length > 0) {
    seen.push(...ids(page));
    page = readPage(rows, { direction: 'forward', position: position(page[page.length - 1] as Row), limit: 2 });
  }
  expect(seen).toEqual(newestFirst);
});

test('backward pages come back in list order and walk from the end to the start', () => {
  const pages: string[][] = [];
  let page = readPage(rows, { direction: 'backward', position: null, limit: 2 });
  while (page.length > 0) {
    pages.unshift(ids(page));
    page = readPage(rows, { direction: 'backward', position: position(page[0] as Row), limit: 2 });
  }
  expect(pages).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4, 6)]);
});

test('a backward page before a row among equal timestamps holds the rows just before it', () => {
  const cursor = rows.find((row) => row.id.endsWith('3')) as Row;
  expect(ids(readPage(rows, { direction: 'backward', position: position(cursor), limit: 5 }))).toEqual(newestFirst.slice(0, 2));
  expect(ids(readPage(rows, { direction: 'forward', position: position(cursor), limit: 5 }))).toEqual(newestFirst.slice(3));
});
