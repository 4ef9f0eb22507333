import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type DocumentNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { BadInputError } from '../core/errors';

/** C0 control characters other than tab, line feed and carriage return: PostgreSQL refuses NUL, and none belongs in a text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** Half of a UTF-16 surrogate pair without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type InputPath = (string | number)[];

function textFault(text: string): string | null {
  const control = CONTROL.exec(text);
  if (control) return `a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  if (LONE_SURROGATE.test(text)) return 'half of a surrogate pair, which is not a character';
  return null;
}

/** The first string in a variable's JSON value that holds what no text may hold. */
function faultInJson(value: unknown, path: InputPath): { path: InputPath; fault: string } | null {
  if (typeof value === 'string') {
    const fault = textFault(value);
    return fault ? { path, fault } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = faultInJson(item, [...path, index]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = faultInJson(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function faultInValue(node: ValueNode, path: InputPath, variables: Record<string, unknown>): { path: InputPath; fault: string } | null {
  switch (node.kind) {
    case Kind.STRING: {
      const fault = textFault(node.value);
      return fault ? { path, fault } : null;
    }
    case Kind.VARIABLE:
      return faultInJson(variables[node.name.value], path);
    case Kind.LIST:
      for (const [index, item] of node.values.entries()) {
        const found = faultInValue(item, [...path, index], variables);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = faultInValue(field.value, [...path, field.name.value], variables);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/**
 * The first argument, literal or from a variable, holding a string with a control character or a lone surrogate, with its
 * path from the root field (`["signIn", "input", "login"]`; a fragment's fields from the fragment). Each operation and
 * fragment is read once, however often it is spread.
 */
export function badTextIn(document: DocumentNode, variables: Record<string, unknown>): { path: InputPath; fault: string } | null {
  const inSelections = (selectionSet: SelectionSetNode, path: InputPath): { path: InputPath; fault: string } | null => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) continue;
      const fieldPath = selection.kind === Kind.FIELD ? [...path, (selection.alias ?? selection.name).value] : path;
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          const found = faultInValue(argument.value, [...fieldPath, argument.name.value], variables);
          if (found) return found;
        }
      }
      const found = selection.selectionSet ? inSelections(selection.selectionSet, fieldPath) : null;
      if (found) return found;
    }
    return null;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const found = inSelections(definition.selectionSet, definition.kind === Kind.FRAGMENT_DEFINITION ? [`...${definition.name.value}`] : []);
    if (found) return found;
  }
  return null;
}

/** Refuses, before anything runs, a request whose arguments hold text no column may store: BAD_USER_INPUT with the argument's path. */
export function inputTextPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const found = badTextIn(document, request.variables ?? {});
          if (found) throw new BadInputError(`${found.path.join('.')} holds ${found.fault}`, { argumentPath: found.path });
        },
      };
    },
  };
}
