import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { UserInputError } from '../core/errors';
import type { UserErrorCode } from '../core/user-error-codes';
import { coded, renderUserErrorMessage } from '../core/user-error-messages';
import { UserErrorCodeEnum } from './user-error-code.enum';

@ObjectType({ description: 'Something in the input a person can fix; the mutation changed nothing.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "endsAt"]; null when it is the input as a whole.' })
  field!: string[] | null;

  @Field(() => UserErrorCodeEnum, { description: 'Stable code to branch on, e.g. ENDS_BEFORE_START; the enum documents every code.' })
  code!: UserErrorCode;

  @Field({ description: 'What went wrong, in words a person understands, in the language of `Accept-Language` (Vietnamese unless English is preferred).' })
  message!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds to wait before trying again, for outcomes that pass with time (SIGN_IN_THROTTLED, SIGN_IN_LOCKED); null otherwise.',
  })
  retryAfterSeconds?: number | null;
}

export interface MutationOutcome<T> {
  result: T | null;
  errors: UserError[];
}

/**
 * The boundary of every mutation: runs the work in one transaction on a fork of the request's
 * EntityManager; a UserInputError rolls it back and comes back as a payload error.
 */
export async function runMutation<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<MutationOutcome<T>> {
  try {
    const result = await ctx.em.transactional((em) => work({ ...ctx, em }));
    return { result, errors: [] };
  } catch (error) {
    if (error instanceof UserInputError) {
      const field = error.field ? ['input', ...error.field] : null;
      const message = renderUserErrorMessage(error, ctx.locale);
      return { result: null, errors: [{ field, code: error.code, message, retryAfterSeconds: error.retryAfterSeconds }] };
    }
    if (error instanceof UniqueConstraintViolationException) {
      return { result: null, errors: [{ field: null, code: 'CONFLICT', message: renderUserErrorMessage(coded('CONFLICT'), ctx.locale) }] };
    }
    throw error;
  }
}
