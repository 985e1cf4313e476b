import { requestHash, scopeOf } from './idempotency';

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

describe('scopeOf', () => {
  it('fills the contract scope from the params, as the services named their scopes before', () => {
    expect(scopeOf('create-application', undefined)).toBe('create-application');
    expect(scopeOf('decide:{id}', { id: 'app_01' })).toBe('decide:app_01');
    expect(
      scopeOf('resolve-objection:{objectionId}:{id}', { id: 'app_01', objectionId: 'obj_9' }),
    ).toBe('resolve-objection:obj_9:app_01');
  });
});
