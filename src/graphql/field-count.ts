import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import { ApiError, ErrorCode } from '../core/errors';
import { requestMessage } from '../core/request-error-messages';

/** The fragments of a document by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * How many fields a document's operations expand to, each fragment counted once per place it is
 * spread. Each fragment's size is computed once, so the count takes time linear in the document
 * even when it expands to 2^1000 fields (a fragment spreading the next one twice, and so on).
 */
export function expandedFieldCount(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const fragmentSizes = new Map<string, number>();
  const fragmentSize = (name: string): number => {
    const known = fragmentSizes.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    // A fragment that spreads itself counts nothing the second time; validation refuses the cycle afterwards.
    fragmentSizes.set(name, 0);
    const size = sizeOf(fragment.selectionSet);
    fragmentSizes.set(name, size);
    return size;
  };
  const sizeOf = (selectionSet: SelectionSetNode): number => {
    let size = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) size += 1 + (selection.selectionSet ? sizeOf(selection.selectionSet) : 0);
      else if (selection.kind === Kind.INLINE_FRAGMENT) size += sizeOf(selection.selectionSet);
      else size += fragmentSize(selection.name.value);
    }
    return size;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += sizeOf(definition.selectionSet);
  }
  return total;
}

/**
 * Refuses with TOO_MANY_FIELDS a document that expands to more than `maxFields` fields, before any
 * other rule looks at it. Apollo runs its rules after graphql-js's own, all in one walk of the
 * document; this rule acts when the walk enters the document, before any selection set, and its
 * answer ends the walk for every rule, so OverlappingFieldsCanBeMerged and the rest never compare
 * the expanded fields.
 */
export function fieldCountRule(maxFields: number): ValidationRule {
  return (context) => ({
    Document(document) {
      const fields = expandedFieldCount(document);
      if (fields <= maxFields) return undefined;
      // Past 2^53 the count is approximate, past 2^1024 it is Infinity, which JSON cannot carry.
      const reported = Math.min(fields, Number.MAX_SAFE_INTEGER);
      const message = requestMessage(fields > reported ? 'TOO_MANY_FIELDS_PAST_COUNTING' : 'TOO_MANY_FIELDS', { fields: reported, maxFields });
      context.reportError(
        new ApiError(ErrorCode.TooManyFields, message, { fields: reported, maxFields }),
      );
      // A value returned on entering a node replaces it in graphql-js's walk (visitInParallel stops at the first one), so nothing under it is visited.
      return null;
    },
  });
}
