import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { loadDemoData } from '../../src/demo/demo-data';
import { startTestApi, type TestApi } from '../helpers/test-api';

/** Operations of the README that need ids from earlier answers; the walk-through says where they come from. */
const NEEDS_IDS_FROM_EARLIER_ANSWERS = ['CreateProgramme', 'ScheduleWeekly', 'Publish'];

interface ReadmeOperation {
  name: string;
  text: string;
  hasVariables: boolean;
  isMutation: boolean;
}

async function readmeOperations(): Promise<ReadmeOperation[]> {
  const readme = await readFile(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.flatMap((block) =>
    parse(block)
      .definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({
        name: operation.name?.value ?? '(anonymous)',
        text: print(operation),
        hasVariables: Boolean(operation.variableDefinitions?.length),
        isMutation: operation.operation === 'mutation',
      })),
  );
}

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await loadDemoData(api.runtime);
});

afterAll(async () => {
  await api.close();
});

describe('the operations printed in the README', () => {
  it('run on the demo data of npm start, in order, with the token of the last sign-in', async () => {
    const operations = await readmeOperations();
    expect(operations.map((operation) => operation.name)).toEqual(expect.arrayContaining(['WhatIsOn', 'SignInAsCitizen', 'MyYear']));
    expect(operations.filter((operation) => operation.hasVariables).map((operation) => operation.name)).toEqual(NEEDS_IDS_FROM_EARLIER_ANSWERS);

    let token: string | undefined;
    const answers = new Map<string, Record<string, unknown>>();
    for (const operation of operations.filter((candidate) => !candidate.hasVariables)) {
      const result = await api.gql<Record<string, Record<string, unknown> | null>>(operation.text, {}, token ? { token } : {});
      expect({ operation: operation.name, errors: result.errors }).toEqual({ operation: operation.name, errors: undefined });
      const data = result.data ?? {};
      for (const [field, value] of Object.entries(data)) {
        expect({ operation: operation.name, field, value: value === null ? null : 'answered' }).toEqual({ operation: operation.name, field, value: 'answered' });
        if (operation.isMutation) expect({ operation: operation.name, errors: value?.errors }).toEqual({ operation: operation.name, errors: [] });
        if (field === 'signIn' && typeof value?.accessToken === 'string') token = value.accessToken;
      }
      answers.set(operation.name, data);
    }

    const whatIsOn = answers.get('WhatIsOn') as { programmes: { totalCount: number } };
    expect(whatIsOn.programmes.totalCount).toBeGreaterThan(0);
    const myYear = answers.get('MyYear') as { me: { displayName: string }; myCitizenProfile: { fullName: string } };
    expect(myYear.myCitizenProfile.fullName).toBe('Nguyễn Thị Hoa');
  });
});
