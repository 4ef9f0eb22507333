import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  GraphQLID,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
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

type Fault = { path: InputPath; fault: string } | null;

/** What is wrong with a leaf value of this type: text no column may store, or an empty id. */
function leafFault(value: string, type: GraphQLInputType | null): string | null {
  if (value === '' && type && getNamedType(type) === GraphQLID) return 'an empty id';
  return textFault(value);
}

/** The first string in a variable's JSON value that holds what no text may hold, read with its type where known (JSON scalars have none). */
function faultInJson(value: unknown, type: GraphQLInputType | null, path: InputPath): Fault {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (typeof value === 'string') {
    const fault = leafFault(value, inner);
    return fault ? { path, fault } : null;
  }
  if (Array.isArray(value)) {
    const item = inner && isListType(inner) ? (inner.ofType as GraphQLInputType) : null;
    for (const [index, element] of value.entries()) {
      const found = faultInJson(element, item, [...path, index]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : null;
    for (const [key, element] of Object.entries(value)) {
      const found = faultInJson(element, fields?.[key]?.type ?? null, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function faultInValue(node: ValueNode, type: GraphQLInputType | null, path: InputPath, variables: Record<string, unknown>): Fault {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  switch (node.kind) {
    case Kind.STRING: {
      const fault = leafFault(node.value, inner);
      return fault ? { path, fault } : null;
    }
    case Kind.VARIABLE:
      return faultInJson(variables[node.name.value], inner, path);
    case Kind.LIST: {
      const item = inner && isListType(inner) ? (inner.ofType as GraphQLInputType) : null;
      for (const [index, element] of node.values.entries()) {
        const found = faultInValue(element, item, [...path, index], variables);
        if (found) return found;
      }
      return null;
    }
    case Kind.OBJECT: {
      const fields = inner && isInputObjectType(inner) ? inner.getFields() : null;
      for (const field of node.fields) {
        const found = faultInValue(field.value, fields?.[field.name.value]?.type ?? null, [...path, field.name.value], variables);
        if (found) return found;
      }
      return null;
    }
    case Kind.INT:
    case Kind.FLOAT:
    case Kind.BOOLEAN:
    case Kind.NULL:
    case Kind.ENUM:
      return null;
  }
}

/**
 * The first argument, literal or from a variable, holding a string with a control character or a lone surrogate, or an
 * empty string where an ID is expected, with its path from the root field (`["signIn", "input", "login"]`; a fragment's
 * fields from the fragment). Each operation and fragment is read once, however often it is spread.
 */
export function badTextIn(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): Fault {
  const inSelections = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | null | undefined, path: InputPath): Fault => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const found = inSelections(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, path);
        if (found) return found;
        continue;
      }
      const fieldPath = [...path, (selection.alias ?? selection.name).value];
      const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      for (const argument of selection.arguments ?? []) {
        const type = definition?.args.find((arg) => arg.name === argument.name.value)?.type ?? null;
        const found = faultInValue(argument.value, type, [...fieldPath, argument.name.value], variables);
        if (found) return found;
      }
      const found = selection.selectionSet ? inSelections(selection.selectionSet, definition ? getNamedType(definition.type) : null, fieldPath) : null;
      if (found) return found;
    }
    return null;
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const found = inSelections(definition.selectionSet, schema.getRootType(definition.operation), []);
      if (found) return found;
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const found = inSelections(definition.selectionSet, schema.getType(definition.typeCondition.name.value), [`...${definition.name.value}`]);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses, before anything runs, a request whose arguments hold text no column may store, or an empty id: BAD_USER_INPUT with the argument's path. */
export function inputTextPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          const found = badTextIn(schema, document, request.variables ?? {});
          if (found) throw new BadInputError(`${found.path.join('.')} holds ${found.fault}`, { argumentPath: found.path });
        },
      };
    },
  };
}
