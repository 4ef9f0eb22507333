import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApiError, ErrorCode, UserInputError } from '../core/errors';
import { localeFrom, type Locale } from '../core/locale';
import { renderRequestMessage, REQUEST_ERROR_MESSAGES, type RequestErrorKey } from '../core/request-error-messages';
import { renderUserErrorMessage, type ParamNames } from '../core/user-error-messages';

/** Table messages that name no value. */
type PlainKey = { [K in RequestErrorKey]: [ParamNames<(typeof REQUEST_ERROR_MESSAGES)[K]['en']>] extends [never] ? K : never }[RequestErrorKey];

/**
 * An error of these codes thrown with an English reason of its own ("Only staff of the institution may change its
 * programmes", "The session was not found") reads, in Vietnamese, as the general message of its code; in English it keeps
 * its own, more precise, words.
 */
const GENERAL_MESSAGE: Partial<Record<string, PlainKey>> = {
  [ErrorCode.Unauthenticated]: 'SIGN_IN_REQUIRED',
  [ErrorCode.Forbidden]: 'FORBIDDEN',
  [ErrorCode.NotFound]: 'NOT_FOUND',
  [ErrorCode.ServiceUnavailable]: 'SERVICE_UNAVAILABLE',
  [ErrorCode.QueueUnavailable]: 'QUEUE_UNAVAILABLE',
  [ErrorCode.Internal]: 'INTERNAL',
};

/** The message of a formatted error in the request's language; errors of a client's bug (syntax, validation) keep their English. */
export function localizedMessage(formatted: GraphQLFormattedError, error: unknown, locale: Locale): string {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof ApiError && original.coded) return renderRequestMessage(original.coded, locale);
  if (original instanceof UserInputError) return renderUserErrorMessage(original, locale);
  const general = GENERAL_MESSAGE[String(formatted.extensions?.code)];
  return general && locale !== 'en' ? renderRequestMessage({ key: general, params: {} }, locale) : formatted.message;
}

/** Formatted errors, each paired with the error it was formatted from, with their messages in the request's language. */
export function localizeErrors(formatted: readonly GraphQLFormattedError[], errors: readonly unknown[], locale: Locale): GraphQLFormattedError[] {
  return formatted.map((one, index) => ({ ...one, message: localizedMessage(one, errors[index], locale) }));
}

/**
 * An error that fails the building of a request's context (the database down while the caller's account loads), in the
 * request's language: Apollo answers it through formatError alone, which sees neither the request nor the plugin below.
 */
export function contextFailureIn(locale: Locale, error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.coded) return error;
  const { code, ...extensions } = error.extensions;
  return new ApiError(code as ErrorCode, renderRequestMessage(error.coded, locale), extensions);
}

/** An error answered outside Apollo (before GraphQL runs: 401, 413, 429) as the `errors` entry of a GraphQL response. */
export function answeredOutsideGraphql(error: ApiError, locale: Locale, extra: Record<string, unknown> = {}): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions;
  return { message: localizedMessage(error.toJSON(), error, locale), extensions: { ...extensions, ...extra } };
}

/**
 * Writes every error of a response in the language of the request's `Accept-Language` (Vietnamese unless English is
 * preferred); `extensions.code` is left as it is. Apollo formats each error into one formatted error, in order, so the
 * errors of the request pair with the response's by position.
 */
export function localizedErrorsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, errors }) {
          if (response.body.kind !== 'single' || !errors) return;
          const formatted = response.body.singleResult.errors;
          if (!formatted || formatted.length !== errors.length) return;
          response.body.singleResult.errors = localizeErrors(formatted, errors, localeFrom(request.http?.headers.get('accept-language')));
        },
      };
    },
  };
}
