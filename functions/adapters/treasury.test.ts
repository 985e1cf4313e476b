import { logger } from '../_lib/logger';
import { classifyAnswer, TreasuryUnavailable, UNKNOWN_HTTP_STATUSES } from './treasury';

const KEY = 'grt_a~b~2020:1';
const refusal = { idempotencyKey: KEY, status: 'failed', reason: '收款账户已销户' };

describe('classifyAnswer: only a definite answer is final', () => {
  it.each(['pay', 'status'] as const)(
    '%s: a 2xx answer about our order is taken as it is',
    (what) => {
      expect(
        classifyAnswer(200, { idempotencyKey: KEY, status: 'paid', treasuryRef: 'TR1' }, KEY, what),
      ).toEqual({ status: 'paid', treasuryRef: 'TR1' });
      expect(classifyAnswer(200, { status: 'processing' }, KEY, what)).toEqual({
        status: 'processing',
      });
      expect(classifyAnswer(201, { status: 'failed' }, KEY, what)).toEqual({
        status: 'failed',
        reason: '拨付失败',
      });
      expect(classifyAnswer(200, { status: 'returned', reason: '户名不符' }, KEY, what)).toEqual({
        status: 'returned',
        reason: '户名不符',
      });
    },
  );

  it.each([400, 403, 404, 422])(
    "pay: %i with the gateway's refusal of this order is a final failure",
    (code) => {
      expect(classifyAnswer(code, refusal, KEY, 'pay')).toEqual({
        status: 'failed',
        reason: '收款账户已销户',
      });
    },
  );

  it.each([...UNKNOWN_HTTP_STATUSES, 500, 502, 503, 504])(
    'pay: %i is unknown, even with a refusal body',
    (code) => {
      expect(() => classifyAnswer(code, refusal, KEY, 'pay')).toThrow(TreasuryUnavailable);
      expect(() => classifyAnswer(code, refusal, KEY, 'status')).toThrow(TreasuryUnavailable);
    },
  );

  it.each([
    ['a 400 without a refusal body (a proxy answered)', 400, { error: 'bad request' }],
    ['a 422 refusing another order', 422, { ...refusal, idempotencyKey: 'other:1' }],
    ['a 422 whose status is not failed', 422, { ...refusal, status: 'paid' }],
    ['a 2xx about another order', 200, { idempotencyKey: 'other:1', status: 'failed' }],
    ['a 2xx without a readable answer', 200, undefined],
    ['a redirect', 302, undefined],
  ])('%s is unknown', (_what, code, body) => {
    expect(() => classifyAnswer(code, body, KEY, 'pay')).toThrow(TreasuryUnavailable);
  });

  it('a 401 or 403 without a refusal (our signature refused) is unknown, and logged as an error for an operator', () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    try {
      expect(() => classifyAnswer(401, { error: 'signature' }, KEY, 'status')).toThrow(
        TreasuryUnavailable,
      );
      expect(() => classifyAnswer(403, undefined, KEY, 'pay')).toThrow(TreasuryUnavailable);
      expect(error).toHaveBeenCalledTimes(2);
      expect(error.mock.calls[0]![0]).toMatch(/TREASURY_HMAC_SECRET/);
    } finally {
      error.mockRestore();
    }
  });

  it('status: 404 means never received (re-send the same key); on an order it is unknown', () => {
    expect(classifyAnswer(404, { error: 'unknown order' }, KEY, 'status')).toBe('never_received');
    expect(() => classifyAnswer(404, { error: 'not found' }, KEY, 'pay')).toThrow(
      TreasuryUnavailable,
    );
  });
});
