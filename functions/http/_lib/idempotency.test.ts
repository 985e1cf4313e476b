import { requestHash } from './idempotency';

describe('requestHash', () => {
  it('ignores key order, not values', () => {
    expect(requestHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      requestHash({ b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
    expect(requestHash(undefined)).toBe(requestHash(null));
  });
});
