import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `name` among its own fields (its fragments' too), so
 * that a resolver can read in one statement what a sub-field would otherwise ask for alone. It
 * ignores @skip and @include: a false "yes" costs only the reading of something not shown.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === name;
        case Kind.INLINE_FRAGMENT:
          return inSet(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD:
          return inSet(info.fragments[selection.name.value]?.selectionSet);
      }
    }) ?? false;
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}
