import { personEmployment, povertyRegistry } from './examples';
import { factsAsOf, factsInForce } from './fact';
import { canonicalJson, inHashOrder } from './frozen';

describe('canonicalJson', () => {
  it('gives equal text for equal values whatever the key order, and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('factsInForce', () => {
  it('picks what factsAsOf reads: one record per source, the latest period start, in source order', () => {
    const old = personEmployment({ veteran: false }, undefined, { from: '2019-01-01', to: null });
    const newer = personEmployment({ veteran: true }, undefined, { from: '2020-06-01', to: null });
    const poverty = povertyRegistry({});
    const used = factsInForce([newer, poverty, old], '2020-12-15');
    expect(used).toEqual([newer, poverty]);
    expect(factsAsOf(used, '2020-12-15')).toEqual(factsAsOf([old, newer, poverty], '2020-12-15'));
    expect(inHashOrder([poverty, newer])).toEqual([newer, poverty]);
  });
});
