import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { formatError } from '../../src/graphql/format-error';
import type { Logger } from '../../src/infra/logger';

function recordingLogger(): { log: Logger; errors: unknown[] } {
  const errors: unknown[] = [];
  const log = { error: (_fields: unknown, message: unknown) => errors.push(message), warn: () => undefined } as unknown as Logger;
  return { log, errors };
}

it('masks a validation failure that is not a list of failures (an exception inside a validator) instead of crashing', () => {
  const { log, errors } = recordingLogger();
  // class-validator rejects with an Error, not a list, when a validator itself throws (a lone surrogate in isEmail once did).
  const broken = new ArgumentValidationError(new TypeError('boom') as unknown as ValidationError[]);
  const error = new GraphQLError(broken.message, { originalError: broken, path: ['register'] });
  const formatted = formatError(log)({ message: broken.message, path: ['register'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /work/src/x.ts:1'] } }, error);
  expect(formatted).toEqual({ message: 'Internal server error', path: ['register'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(errors).toEqual(['unexpected error in a GraphQL request']);
});
