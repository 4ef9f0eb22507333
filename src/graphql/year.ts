import { Max, Min } from 'class-validator';
import { Arg, Field, Int } from 'type-graphql';
import { BadInputError } from '../core/errors';

type ArgDecorator = ReturnType<typeof Arg>;

/** The years any `year` argument or input field may name: wide enough for the movement's records, narrow enough for every date computed from it. */
export const YEAR_RANGE = { min: 2000, max: 2100 } as const;

/** "The year." becomes "The year (2000 to 2100).": the range is in the schema wherever a year is asked for. */
function described(description: string): string {
  return `${description.replace(/\.$/, '')} (${YEAR_RANGE.min} to ${YEAR_RANGE.max}).`;
}

/** An input object's year field: an Int in YEAR_RANGE, refused as BAD_USER_INPUT otherwise; the schema says the range. */
export function YearField(description: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return (target, property) => {
    Field(() => Int, { ...options, description: described(description) })(target, property);
    Min(YEAR_RANGE.min)(target, property);
    Max(YEAR_RANGE.max)(target, property);
  };
}

/** A field's `year` argument: an Int in YEAR_RANGE, refused as BAD_USER_INPUT otherwise; the schema says the range. */
export function YearArg(description: string, options: { nullable?: boolean } = {}): ArgDecorator {
  return Arg('year', () => Int, {
    ...options,
    description: described(description),
    validateFn: (value: unknown) => {
      if (value === null || value === undefined) return;
      if (typeof value !== 'number' || value < YEAR_RANGE.min || value > YEAR_RANGE.max) {
        throw new BadInputError(`year must be a calendar year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, got ${String(value)}`, { argument: 'year' });
      }
    },
  });
}
