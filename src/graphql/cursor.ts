import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadInputError } from './errors';

export type KeyValue = string | number | null;

/**
 * Keyset cursors: the sort key values of a row, signed so that a cursor a client edited is refused
 * instead of silently returning another page.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 16);
  }

  encode(keys: KeyValue[]): string {
    const body = Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(cursor: string, arity: number): KeyValue[] {
    const [body, signature, ...rest] = cursor.split('.');
    const expected = Buffer.from(body ? this.sign(body) : '');
    // Compared as bytes: a non-ASCII signature of the right length in characters is longer in bytes.
    const given = Buffer.from(signature ?? '');
    if (!body || !signature || rest.length || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new BadInputError('The cursor is not valid: pass back an endCursor exactly as it was returned');
    }
    const keys: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Array.isArray(keys) || keys.length !== arity) {
      throw new BadInputError('The cursor belongs to another list or ordering');
    }
    return keys as KeyValue[];
  }
}
