/**
 * The import rules of src/ (see "Where things are" in the README); `npm test` runs them.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const DOMAINS = '^src/(auth|bodies|catalogue|credentials|emulation|feeds|learning|media|operations|people|reports|resources|titles|webhooks)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules of src/ do not import each other in a circle, type-only imports included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-not-graphql',
      severity: 'error',
      comment:
        'Domain code runs in workers and tools without GraphQL: only resolvers, GraphQL types, DataLoaders, enum registrations and a domain’s own graphql/ folder import graphql/.',
      from: {
        path: DOMAINS,
        pathNot: '(\\.(resolver|types|loaders|enums)\\.ts$|^src/[^/]+/graphql/)',
      },
      to: { path: '^src/graphql/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
