import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadInputError } from '../core/errors';

export type KeyValue = string | number | null;

/**
 * Keyset cursors: the sort key values of a row and the list and ordering they belong to (the
 * scope), signed so that a cursor a client edited, or one of another list, is refused instead of
 * silently returning another page.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 16);
  }

  encode(scope: string, keys: KeyValue[]): string {
    const body = Buffer.from(JSON.stringify({ s: scope, k: keys }), 'utf8').toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(cursor: string, scope: string): KeyValue[] {
    const [body, signature, ...rest] = cursor.split('.');
    const expected = Buffer.from(body ? this.sign(body) : '');
    // Compared as bytes: a non-ASCII signature of the right length in characters is longer in bytes.
    const given = Buffer.from(signature ?? '');
    if (!body || !signature || rest.length || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new BadInputError('The cursor is not valid: pass back an endCursor exactly as it was returned');
    }
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { s: string; k: KeyValue[] };
    if (decoded.s !== scope) throw new BadInputError('The cursor belongs to another list or ordering');
    return decoded.k;
  }
}
