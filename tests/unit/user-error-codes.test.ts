import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { README_CODE_TABLE, userErrorCodeTable } from '../../src/cli/generated-files';
import { USER_ERROR_CODES } from '../../src/core/user-error-codes';
import { NATIONAL_ID_PROBLEM_MESSAGES } from '../../src/people/citizens/national-id';
import { ProblemCode } from '../../src/titles/rulesets/ruleset-validation';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the codes of UserError', () => {
  it('are listed in the README exactly as the code prints them', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    expect(await README_CODE_TABLE.render(readme)).toBe(readme);
    expect(readme).toContain(userErrorCodeTable());
    expect(readme).toContain('| `CITIZEN_PROFILE_REQUIRED` | The account has no citizen profile yet');
  });

  it('include every problem a ruleset can have and every national ID problem', () => {
    for (const code of Object.values(ProblemCode)) expect(USER_ERROR_CODES).toHaveProperty(code);
    for (const problem of Object.keys(NATIONAL_ID_PROBLEM_MESSAGES)) expect(USER_ERROR_CODES).toHaveProperty(`NATIONAL_ID_${problem}`);
  });

  it('are each used somewhere in the code, so the table lists no code a client can never get', () => {
    const source = execFileSync('git', ['grep', '-h', '-o', "-E", "'[A-Z][A-Z0-9_]+'", '--', 'src', ':!src/core/user-error-codes.ts'], { cwd: ROOT, encoding: 'utf8' });
    const used = new Set(source.split('\n').map((quoted) => quoted.slice(1, -1)));
    for (const problem of Object.keys(NATIONAL_ID_PROBLEM_MESSAGES)) used.add(`NATIONAL_ID_${problem}`);
    const unused = Object.keys(USER_ERROR_CODES).filter((code) => !used.has(code));
    expect(unused).toEqual([]);
  });
});
