import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { ApiError, ErrorCode } from '../core/errors';
import { requestMessage } from '../core/request-error-messages';

export interface DocumentSizeLimits {
  maxCharacters: number;
  maxTokens: number;
}

/** Tokens of a text, counted until one past `max` (so at most that many are read); null when the text does not lex. */
function tokensUpTo(query: string, max: number): number | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF && tokens <= max) tokens += 1;
  } catch (error) {
    // The parser reports the syntax error with its position.
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return tokens;
}

/**
 * DOCUMENT_TOO_LARGE (HTTP 413) for a query text longer than `maxCharacters` or of more than `maxTokens`
 * tokens, found in time bounded by the limits, before anything parses it; null when it fits.
 */
export function documentSizeRefusal(query: string, limits: DocumentSizeLimits): ApiError | null {
  if (query.length > limits.maxCharacters) {
    return new ApiError(ErrorCode.DocumentTooLarge, requestMessage('DOCUMENT_TOO_LONG', { characters: query.length, maxCharacters: limits.maxCharacters }), {
      characters: query.length,
      maxCharacters: limits.maxCharacters,
    });
  }
  const tokens = tokensUpTo(query, limits.maxTokens);
  if (tokens !== null && tokens > limits.maxTokens) {
    return new ApiError(ErrorCode.DocumentTooLarge, requestMessage('DOCUMENT_TOO_MANY_TOKENS', { maxTokens: limits.maxTokens }), {
      maxTokens: limits.maxTokens,
    });
  }
  return null;
}
