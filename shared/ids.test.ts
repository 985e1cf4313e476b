import { deterministicId, makeNewId, parseId, sequentialNewId, idSchema } from './ids';

describe('ids', () => {
  it('mints time-ordered prefixed ids from an injected clock and randomness', () => {
    let ms = 1_767_225_600_000;
    const newId = makeNewId({ nowMs: () => ms++, randomBytes: (n) => new Uint8Array(n).fill(7) });
    const a = newId('application');
    const b = newId('application');
    expect(a).toMatch(/^app_[0-9A-Z]{26}$/);
    expect(a < b).toBe(true);
    expect(newId('payment').startsWith('pay_')).toBe(true);
  });

  it('sequential ids are deterministic per kind', () => {
    const newId = sequentialNewId();
    expect([newId('grant'), newId('grant'), newId('loan')]).toEqual([
      'grt_000001',
      'grt_000002',
      'loan_000001',
    ]);
  });

  it('parses only ids of the expected kind', () => {
    expect(parseId('application', 'app_000001')).toBe('app_000001');
    expect(() => parseId('grant', 'app_000001')).toThrow(RangeError);
    expect(() => parseId('grant', 'grt_a#b')).toThrow(RangeError);
    expect(idSchema('policy').safeParse('pol_hire-local').success).toBe(true);
    expect(idSchema('policy').safeParse('grt_1').success).toBe(false);
  });

  it('derives the same id from the same identity (at most one record)', () => {
    const a = deterministicId('grant', 'pol_hire-local', 'sub_000001', '2026');
    expect(a).toBe('grt_pol_hire-local~sub_000001~2026');
    expect(deterministicId('grant', 'pol_hire-local', 'sub_000001', '2026')).toBe(a);
    expect(() => deterministicId('grant', 'a#b')).toThrow(RangeError);
    expect(parseId('grant', a)).toBe(a);
  });
});
