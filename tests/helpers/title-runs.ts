import { idOf, toGlobalId } from '../../src/graphql/global-id';
import type { TestApi } from './test-api';

const RECALCULATE = `mutation($input: RecalculateTitlesInput!) { recalculateTitles(input: $input) { run { id } errors { field code } } }`;

/** A finished titles run as the API shows it: the fields asked for, its global id and its raw id. */
export interface FinishedRun {
  globalId: string;
  id: string;
  // `any` in tests: the run's fields are those the caller selected, checked against what a front end reads.
  run: Record<string, any>;
}

/**
 * Recalculates a unit's titles of a year through the API as `token` and waits (20 s at most) for the
 * run to end, SUCCEEDED or FAILED; `fields` are those of TitleRun to read back besides `status`.
 * Refusing to start, or never ending, throws.
 */
export async function recalculateTitlesAndWait(api: TestApi, token: string, unitId: string, year: number, fields = 'error'): Promise<FinishedRun> {
  const started = await api.gql(RECALCULATE, { input: { unitId: toGlobalId('AdministrativeUnit', unitId), year } }, { token });
  const globalId = started.data?.recalculateTitles?.run?.id as string | undefined;
  if (!globalId) throw new Error(`the run did not start: ${JSON.stringify(started.errors ?? started.data?.recalculateTitles?.errors)}`);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const seen = await api.gql(`query($id: ID!) { titleRun(id: $id) { status ${fields} } }`, { id: globalId }, { token });
    const run = seen.data?.titleRun as Record<string, unknown> | undefined;
    if (run?.status === 'SUCCEEDED' || run?.status === 'FAILED') return { globalId, id: idOf('TitleRun', globalId), run };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the run did not end');
}
