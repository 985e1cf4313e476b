import { createHmac } from 'node:crypto';
import {
  canonicalString,
  MAX_CLOCK_SKEW_SECONDS,
  signRequest,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  treasurySecret,
  verifyRequest,
} from './treasury-signature';

const SECRET = 'unit-treasury-secret-unit-treasury-secret';
const NOW = Date.parse('2026-11-28T04:00:00Z');
const order = {
  method: 'POST',
  path: '/payments',
  body: JSON.stringify({ idempotencyKey: 'grt_a:1', amountFen: 100000 }),
};

describe('treasury signatures', () => {
  it('signs method, path, timestamp and the body hash, one per line', () => {
    const canonical = canonicalString(order, '1764302400');
    expect(canonical.split('\n')).toEqual([
      'POST',
      '/payments',
      '1764302400',
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
    const headers = signRequest(SECRET, order, NOW);
    expect(headers[TIMESTAMP_HEADER]).toBe(String(NOW / 1000));
    expect(headers[SIGNATURE_HEADER]).toBe(
      createHmac('sha256', SECRET)
        .update(canonicalString(order, headers[TIMESTAMP_HEADER]!))
        .digest('hex'),
    );
  });

  it('verifies its own signature, whatever the header case', () => {
    const headers = signRequest(SECRET, order, NOW);
    expect(verifyRequest(SECRET, order, headers, NOW)).toEqual({ ok: true });
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyRequest(SECRET, order, upper, NOW + 1000)).toEqual({ ok: true });
  });

  it.each([
    ['a tampered body', { ...order, body: order.body.replace('100000', '900000') }],
    ['another path', { ...order, path: '/payments/other' }],
    ['another method', { ...order, method: 'PUT' }],
  ])('refuses %s', (_what, parts) => {
    expect(verifyRequest(SECRET, parts, signRequest(SECRET, order, NOW), NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses another secret, a missing or malformed header', () => {
    const headers = signRequest('another-secret-another-secret-another', order, NOW);
    expect(verifyRequest(SECRET, order, headers, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyRequest(SECRET, order, {}, NOW)).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
    expect(verifyRequest(SECRET, order, undefined, NOW)).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
    expect(verifyRequest(SECRET, order, { ...headers, [SIGNATURE_HEADER]: 'abc' }, NOW)).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(verifyRequest(SECRET, order, { ...headers, [TIMESTAMP_HEADER]: '-5' }, NOW)).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
  });

  it('refuses a timestamp outside the allowed clock skew, either way', () => {
    const headers = signRequest(SECRET, order, NOW);
    const skew = MAX_CLOCK_SKEW_SECONDS * 1000;
    expect(verifyRequest(SECRET, order, headers, NOW + skew)).toEqual({ ok: true });
    expect(verifyRequest(SECRET, order, headers, NOW + skew + 1000)).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(verifyRequest(SECRET, order, headers, NOW - skew - 1000)).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('requires a secret of at least 32 characters', () => {
    expect(() => treasurySecret({})).toThrow(/TREASURY_HMAC_SECRET/);
    expect(() => treasurySecret({ TREASURY_HMAC_SECRET: 'short' })).toThrow(/TREASURY_HMAC_SECRET/);
    expect(treasurySecret({ TREASURY_HMAC_SECRET: SECRET })).toBe(SECRET);
  });
});
