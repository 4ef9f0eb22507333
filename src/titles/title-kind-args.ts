import { Arg } from 'type-graphql';
import { BadInputError } from '../core/errors';
import { TitleKind } from './titles.enums';

type ArgDecorator = ReturnType<typeof Arg>;

/**
 * `titleKind:`, the spelling of the rest of the schema. Optional only because the deprecated
 * `kind:` may name the title instead (a deprecated argument cannot be required), so
 * `titleKindOf` asks for one of them.
 */
export function TitleKindArg(): ArgDecorator {
  return Arg('titleKind', () => TitleKind, { nullable: true, description: 'The title; required, unless the deprecated `kind` names it.' });
}

/** `kind:`, the first spelling, kept working for clients built against it. */
export function DeprecatedKindArg(): ArgDecorator {
  return Arg('kind', () => TitleKind, { nullable: true, description: 'The title.', deprecationReason: 'Use `titleKind`: the schema names a title kind `titleKind` everywhere.' });
}

/** The title named by `titleKind` or the deprecated `kind`: one of them, or both the same. */
export function titleKindOf(titleKind: TitleKind | null, kind: TitleKind | null): TitleKind {
  const chosen = titleKind ?? kind;
  if (!chosen || (titleKind && kind && titleKind !== kind)) throw new BadInputError('Name the title once, with `titleKind`');
  return chosen;
}
