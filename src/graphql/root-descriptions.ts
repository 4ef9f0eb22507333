import { getNamedType, isInputObjectType, type GraphQLSchema } from 'graphql';

const ROOT_DESCRIPTIONS = {
  Query: 'What can be read. Public catalogue fields answer anyone; the rest follow the role and scope of the account or API key.',
  Mutation:
    'What can be changed. Each mutation takes one `input` and answers a payload with `errors`: problems the user can fix come back there, on the path of the input field, and nothing is written.',
  Subscription:
    'Pushed changes over WebSocket (graphql-ws protocol at /graphql), authenticated like queries and under the same access rules and limits.',
} as const;

/**
 * Describes the root types, and each root field's input-object argument (a mutation's `input`, a list's `filter`) that has no
 * description of its own with its input type's: type-graphql has no place for the first and would repeat the second, and a front-end team reading the schema (or its generated types) should not meet an undocumented argument.
 */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const roots = { Query: schema.getQueryType(), Mutation: schema.getMutationType(), Subscription: schema.getSubscriptionType() };
  for (const [name, type] of Object.entries(roots)) {
    if (!type) continue;
    type.description ??= ROOT_DESCRIPTIONS[name as keyof typeof ROOT_DESCRIPTIONS];
    for (const field of Object.values(type.getFields())) {
      for (const argument of field.args) {
        const input = getNamedType(argument.type);
        if (!argument.description && isInputObjectType(input) && input.description) argument.description = input.description;
      }
    }
  }
  return schema;
}
