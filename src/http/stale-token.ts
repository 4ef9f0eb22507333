import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { UnauthenticatedError } from '../core/errors';
import { requestMessage } from '../core/request-error-messages';

/** Mutations that take no access token, so a client may call them while holding a stale one (to refresh it, or to start over). */
const TOKENLESS_MUTATIONS = new Set(['signIn', 'register', 'refreshSession', 'signOut']);

export interface TokenState {
  /** A bearer token was sent that is not valid (garbled, forged, expired) or names an account that is gone or disabled. */
  tokenRejected: boolean;
}

function onlyTokenless(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'mutation' &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && (TOKENLESS_MUTATIONS.has(selection.name.value) || selection.name.value === '__typename'))
  );
}

/**
 * A request with a token that does not hold is refused as a whole, 401 UNAUTHENTICATED, so that a client knows to refresh
 * or sign in again rather than being served as anonymous; only the sign-in and session mutations go ahead. No token stays
 * an anonymous request.
 */
export function staleTokenPlugin<TContext extends BaseContext & TokenState>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.tokenRejected && !(operation && onlyTokenless(operation))) {
            throw new UnauthenticatedError(requestMessage('TOKEN_REJECTED'), { http: { status: 401 } });
          }
        },
      };
    },
  };
}
