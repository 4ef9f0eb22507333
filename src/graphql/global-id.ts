import { BadInputError } from '../core/errors';
import { isUuid } from '../core/uuid';

/** Opaque global id: base64url of `TypeName:uuid`. */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  typeName: string;
  id: string;
}

export function fromGlobalId(globalId: string): DecodedId {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const typeName = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (separator < 1 || !isUuid(id)) throw new BadInputError(`"${globalId}" is not a valid id`);
  return { typeName, id };
}

function article(typeName: string): string {
  return `${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName}`;
}

/** Decodes an id that must name one type: `Institution` ids only where an institution is expected. */
export function idOf(typeName: string, globalId: string): string {
  const decoded = fromGlobalId(globalId);
  if (decoded.typeName !== typeName) {
    throw new BadInputError(`"${globalId}" is the id of ${article(decoded.typeName)}, ${article(typeName)} is expected`);
  }
  return decoded.id;
}
