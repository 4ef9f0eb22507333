import { GraphQLError } from 'graphql';
import { CursorCodec } from '../../src/graphql/cursor';
import { BadInputError } from '../../src/core/errors';
import { fromGlobalId, idOf, toGlobalId } from '../../src/graphql/global-id';

const ID = '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b';

/** The error a call throws, to check its class, message and code. */
function thrown(work: () => unknown): GraphQLError {
  try {
    work();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected an error, none was thrown');
}

function expectBadInput(work: () => unknown, message: RegExp): void {
  const error = thrown(work);
  expect(error).toBeInstanceOf(BadInputError);
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  expect(error.message).toMatch(message);
}

describe('CursorCodec', () => {
  const codec = new CursorCodec('cursor-secret');

  it('gives back the sort keys it encoded: text with diacritics, numbers, timestamps and null', () => {
    const keys = ['Thư viện tỉnh "Tây Ninh", số 1', ID];
    expect(codec.decode(codec.encode('list:NAME', keys), 'list:NAME')).toEqual(keys);
    expect(codec.decode(codec.encode('list:NAME', [-0.8734, ID]), 'list:NAME')).toEqual([-0.8734, ID]);
    expect(codec.decode(codec.encode('list:NAME', ['2026-03-02T12:00:00.000Z', ID]), 'list:NAME')).toEqual(['2026-03-02T12:00:00.000Z', ID]);
    expect(codec.decode(codec.encode('list:NAME', [null, ID]), 'list:NAME')).toEqual([null, ID]);
  });

  it('makes opaque cursors safe in a URL', () => {
    expect(codec.encode('list:NAME', ['Bảo tàng / ? & =', ID])).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor whose body was changed', () => {
    const [, signature] = codec.encode('list:NAME', ['Thư viện A', ID]).split('.');
    const forged = `${Buffer.from(JSON.stringify(['A', ID])).toString('base64url')}.${signature}`;
    expectBadInput(() => codec.decode(forged, 'list:NAME'), /^The cursor is not valid/);
  });

  it('refuses a cursor whose signature was changed, shortened or lengthened', () => {
    const [body, signature = ''] = codec.encode('list:NAME', ['Thư viện A', ID]).split('.');
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    for (const bad of [`${body}.${flipped}`, `${body}.${signature.slice(1)}`, `${body}.${signature}x`, `${body}.`, `${body}`]) {
      expectBadInput(() => codec.decode(bad, 'list:NAME'), /^The cursor is not valid/);
    }
  });

  it('refuses a cursor signed with another secret', () => {
    const other = new CursorCodec('another-secret').encode('list:NAME', ['Thư viện A', ID]);
    expectBadInput(() => codec.decode(other, 'list:NAME'), /^The cursor is not valid/);
  });

  it('refuses text that is not a cursor, including non-ASCII text of a signature\'s length', () => {
    const [body, signature = ''] = codec.encode('list:NAME', ['Thư viện A', ID]).split('.');
    for (const bad of ['', 'not-a-cursor', '.', `${body}.${signature}.${signature}`, `${body}.${'é'.repeat(signature.length)}`, `${body}.${'ư'.repeat(signature.length / 2)}`]) {
      expectBadInput(() => codec.decode(bad, 'list:NAME'), /^The cursor is not valid/);
    }
  });

  it('refuses a genuine cursor of another list or another ordering of the same list', () => {
    expectBadInput(() => codec.decode(codec.encode('list:NAME', ['Thư viện A', ID]), 'list:DISTANCE'), /^The cursor belongs to another list or ordering/);
    expectBadInput(() => codec.decode(codec.encode('list:NAME', ['Thư viện A', ID]), 'other:NAME'), /^The cursor belongs to another list or ordering/);
  });
});

describe('global ids', () => {
  it('encodes TypeName:uuid as base64url and decodes it back', () => {
    const id = toGlobalId('Institution', ID);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(id, 'base64url').toString('utf8')).toBe(`Institution:${ID}`);
    expect(fromGlobalId(id)).toEqual({ typeName: 'Institution', id: ID });
  });

  it('gives the uuid of an id of the expected type', () => {
    expect(idOf('Programme', toGlobalId('Programme', ID))).toBe(ID);
  });

  it('refuses an id of another type, naming both types', () => {
    const programmeId = toGlobalId('Programme', ID);
    expectBadInput(() => idOf('Institution', programmeId), /is the id of a Programme, an Institution is expected/);
    expect(thrown(() => idOf('Institution', programmeId)).message).toContain(programmeId);
  });

  it('refuses ids that are not ours: garbage, a raw uuid, no type name, no uuid', () => {
    for (const bad of ['', 'bm9wZQ', ID, toGlobalId('', ID), toGlobalId('Institution', 'not-a-uuid'), toGlobalId('Institution', `${ID}x`)]) {
      expectBadInput(() => fromGlobalId(bad), /is not a valid id$/);
      expectBadInput(() => idOf('Institution', bad), /is not a valid id$/);
    }
  });
});
