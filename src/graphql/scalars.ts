import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new GraphQLError(`A Date is written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`${value} is not a calendar day`);
  }
  return value;
}

/** A calendar day (YYYY-MM-DD), with no time and no zone. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, ISO 8601 `YYYY-MM-DD`, with no time or time zone.',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A Date is a string, YYYY-MM-DD');
    return parseDate(ast.value);
  },
});
