import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { GraphQLEnumType, GraphQLObjectType, getNamedType } from 'graphql';
import { buildApiSchema } from '../../src/app/schema';
import { README_CODE_TABLE, userErrorCodeTable } from '../../src/cli/generated-files';
import { USER_ERROR_CODES } from '../../src/core/user-error-codes';
import { NATIONAL_ID_PROBLEMS } from '../../src/people/citizens/national-id';
import { ProblemCode } from '../../src/titles/rulesets/ruleset-validation';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the codes of UserError', () => {
  it('are listed in the README exactly as the code prints them', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    expect(await README_CODE_TABLE.render(readme)).toBe(readme);
    expect(readme).toContain(userErrorCodeTable());
    expect(readme).toContain('| `CITIZEN_PROFILE_REQUIRED` | The account has no citizen profile yet');
  });

  it('are the values of the schema enum UserErrorCode, which UserError.code and ReportLine.code use', async () => {
    const schema = await buildApiSchema();
    const codes = schema.getType('UserErrorCode');
    if (!(codes instanceof GraphQLEnumType)) throw new Error('UserErrorCode is not an enum');
    expect(codes.getValues().map((value) => value.name)).toEqual(Object.keys(USER_ERROR_CODES));
    expect(codes.getValue('CITIZEN_PROFILE_REQUIRED')?.description).toBe(USER_ERROR_CODES.CITIZEN_PROFILE_REQUIRED);
    for (const typeName of ['UserError', 'ReportLine']) {
      const type = schema.getType(typeName);
      if (!(type instanceof GraphQLObjectType)) throw new Error(`${typeName} is not an object type`);
      expect(getNamedType(type.getFields().code.type)).toBe(codes);
    }
  });

  it('include every problem a ruleset can have and every national ID problem', () => {
    for (const code of Object.values(ProblemCode)) expect(USER_ERROR_CODES).toHaveProperty(code);
    for (const problem of NATIONAL_ID_PROBLEMS) expect(USER_ERROR_CODES).toHaveProperty(`NATIONAL_ID_${problem}`);
  });

  it('are each used somewhere in the code, so the table lists no code a client can never get', () => {
    const source = execFileSync('git', ['grep', '-h', '-o', "-E", "'[A-Z][A-Z0-9_]+'", '--', 'src', ':!src/core/user-error-codes.ts'], { cwd: ROOT, encoding: 'utf8' });
    const used = new Set(source.split('\n').map((quoted) => quoted.slice(1, -1)));
    for (const problem of NATIONAL_ID_PROBLEMS) used.add(`NATIONAL_ID_${problem}`);
    const unused = Object.keys(USER_ERROR_CODES).filter((code) => !used.has(code));
    expect(unused).toEqual([]);
  });
});
