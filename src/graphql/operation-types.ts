import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Over HTTP: refuses a subscription as a document error (GRAPHQL_VALIDATION_FAILED, 400) saying where subscriptions are
 * served, where graphql-js would run it as a query over an event that never came.
 */
export const noSubscriptionsOverHttpRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(new GraphQLError('Subscriptions are served over WebSocket at this same URL, with the graphql-ws protocol', { nodes: node }));
    }
    return false;
  },
});
