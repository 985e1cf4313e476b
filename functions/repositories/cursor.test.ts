import { DomainError } from '../../shared/errors';
import { decodeCursor, encodeCursor, isKey } from './cursor';

const LIST = 'grants:bySubject:sub_1';
const plain = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

function refused(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('accepted');
}

describe('cursor', () => {
  const saved = process.env.SESSION_SECRET;
  beforeEach(() => {
    process.env.SESSION_SECRET = 'unit-secret-unit-secret-unit-secret-0123';
  });
  afterAll(() => {
    process.env.SESSION_SECRET = saved;
  });

  it('round-trips a key on its own list, in the characters a query string allows', () => {
    const key = { PK: 'APP#app_1', SK: 'STATE', subjectPk: 'SUBJ#s', subjectSk: 'APP#2020' };
    const cursor = encodeCursor(key, LIST);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, isKey, LIST)).toEqual(key);
    expect(decodeCursor(undefined, isKey, LIST)).toBeUndefined();
  });

  it('refuses a cursor of another list (another route or another subject) as INVALID_INPUT', () => {
    const cursor = encodeCursor({ PK: 'x', SK: 'y' }, LIST);
    for (const other of ['applications:bySubject:sub_1', 'grants:bySubject:sub_2']) {
      expect(refused(() => decodeCursor(cursor, isKey, other))).toMatchObject({
        code: 'INVALID_INPUT',
        message: '分页游标无效',
        details: { reason: 'bad_cursor' },
      });
    }
  });

  it('refuses tampered, truncated, unsigned and malformed cursors', () => {
    const cursor = encodeCursor({ PK: 'APP#app_1', SK: 'STATE' }, LIST);
    const raw = Buffer.from(cursor, 'base64url');
    const flipped = Buffer.from(raw);
    flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 1;
    const bad = [
      '%%%',
      flipped.toString('base64url'),
      cursor.slice(0, -4),
      cursor.slice(0, 10),
      plain({ PK: 'APP#app_1', SK: 'STATE' }), // the old, unsigned form
      encodeCursor([1], LIST),
      encodeCursor({ PK: 1 }, LIST),
      encodeCursor({}, LIST),
      encodeCursor('x', LIST),
    ];
    for (const c of bad)
      expect(refused(() => decodeCursor(c, isKey, LIST)).code).toBe('INVALID_INPUT');
  });

  it('depends on the session secret: a cursor signed under another secret is refused', () => {
    const cursor = encodeCursor({ PK: 'x', SK: 'y' }, LIST);
    process.env.SESSION_SECRET = 'another-secret-another-secret-another-0';
    expect(refused(() => decodeCursor(cursor, isKey, LIST)).code).toBe('INVALID_INPUT');
  });
});
