import { paymentIdempotencyKey } from '../../shared/lifecycle/common';
import { paymentIdFor } from '../../shared/payment';
import { paymentIdOfKey } from './treasury-callback';

describe('paymentIdOfKey', () => {
  it('finds the payment of every key we send', () => {
    for (const [item, attempt] of [
      ['grt_pol_hire-local~sub_1~2020', 1],
      ['app_01HXYZ', 5],
      ['lip_a:b~2020Q4', 2],
    ] as const) {
      expect(paymentIdOfKey(paymentIdempotencyKey(item, attempt))).toBe(
        paymentIdFor(item, attempt),
      );
    }
  });

  it.each(['', 'no-attempt', ':1', 'grt_x:0', 'grt_x:-1', 'grt_x:1.5', 'grt_x:', 'grt_x:9999999'])(
    'refuses %p',
    (key) => {
      expect(paymentIdOfKey(key)).toBeUndefined();
    },
  );
});
