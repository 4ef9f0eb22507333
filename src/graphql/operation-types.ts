import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose root type the schema does not have (a `subscription` while there are none) as a document
 * error (GRAPHQL_VALIDATION_FAILED, 400), where graphql-js would throw it at execution as an unexplained failure.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations`, { nodes: node }));
    }
    return false;
  },
});
