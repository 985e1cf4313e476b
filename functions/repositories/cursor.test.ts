import { DomainError } from '../../shared/errors';
import { decodeCursor, encodeCursor, isKey } from './cursor';

describe('cursor', () => {
  it('round-trips a key', () => {
    const key = { PK: 'APP#app_1', SK: 'STATE', subjectPk: 'SUBJ#s', subjectSk: 'APP#2020' };
    expect(decodeCursor(encodeCursor(key), isKey)).toEqual(key);
    expect(decodeCursor(undefined, isKey)).toBeUndefined();
  });
  it('refuses anything forged as INVALID_INPUT', () => {
    for (const bad of ['%%%', encodeCursor([1]), encodeCursor({ PK: 1 }), encodeCursor({}), encodeCursor('x')]) {
      expect(() => decodeCursor(bad, isKey)).toThrow(DomainError);
    }
  });
});
