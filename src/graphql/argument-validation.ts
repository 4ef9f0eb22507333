import { getMetadataStorage, validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

/** As type-graphql's own validation was set: properties left out are not checked, and a class without rules passes. */
const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

/**
 * Validates resolver arguments with class-validator as type-graphql's `validate` option does, but only objects whose
 * class has rules: type-graphql's own path imports class-validator anew and looks the class's rules up among every
 * class's for each argument of each field (a page's `first`, a filter), which an argument without rules does not need.
 * What it refuses, and the error it throws, are the same.
 */
export function argumentValidator(): ValidatorFn {
  const ruled = new Map<Function, boolean>();
  const hasRules = (value: object): boolean => {
    let known = ruled.get(value.constructor);
    if (known === undefined) {
      // The lookup class-validator makes when it validates, with the options above (no groups).
      known = getMetadataStorage().getTargetValidationMetadatas(value.constructor, '', false, false, undefined).length > 0;
      ruled.set(value.constructor, known);
    }
    return known;
  };
  const validates = (value: unknown): value is object => value !== null && typeof value === 'object' && hasRules(value);
  return async (value) => {
    const checked = Array.isArray(value) ? value.filter(validates) : validates(value) ? [value] : [];
    if (!checked.length) return;
    try {
      await Promise.all(checked.map((item) => validateOrReject(item, OPTIONS)));
    } catch (error) {
      throw new ArgumentValidationError(error as ValidationError[]);
    }
  };
}
