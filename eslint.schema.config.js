// The schema's lint, run by `npm run schema:lint` (part of `npm test`): the published schema, as front-end teams read it.
const graphqlPlugin = require('@graphql-eslint/eslint-plugin');

const recommended = graphqlPlugin.configs['flat/schema-recommended'].rules;
const [, namingConvention] = recommended['@graphql-eslint/naming-convention'];
const { EnumValueDefinition, 'EnumTypeDefinition,EnumTypeExtension': enumTypeNames, ...otherNames } = namingConvention;
// LabelledEnum, named before this lint, holds the values of the deprecated `labels(enum:)`: kept as it is until that goes.
const KEPT_FOR_DEPRECATED = 'LabelledEnum';

module.exports = [
  {
    files: ['schema/schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql' } } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...recommended,
      '@graphql-eslint/naming-convention': [
        'error',
        {
          ...otherNames,
          [`EnumTypeDefinition[name.value!=${KEPT_FOR_DEPRECATED}]`]: enumTypeNames,
          [`EnumValueDefinition[parent.name.value!=${KEPT_FOR_DEPRECATED}]`]: EnumValueDefinition,
        },
      ],
      '@graphql-eslint/require-description': [
        'error',
        { types: true, rootField: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true },
      ],
      // Payloads, edges, page info, figures and labels are values, not objects a client refetches: they have no id by design.
      '@graphql-eslint/strict-id-in-types': 'off',
    },
  },
];
