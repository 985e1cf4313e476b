import { instantOf, localDateOf } from '../../shared/calendar';
import { now, offsetToBusinessDate } from './clock';

describe('clock', () => {
  // the integration project's global setup shifts the clock in the shared environment
  beforeEach(() => delete process.env.ZHIDA_CLOCK_OFFSET_MS);
  afterEach(() => delete process.env.ZHIDA_CLOCK_OFFSET_MS);

  it('runs on real time unless an offset is set', () => {
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('shifts to a business date and keeps the time of day', () => {
    const real = new Date('2026-11-23T09:30:00Z');
    const offset = offsetToBusinessDate('2020-12-15', real);
    expect(new Date(real.getTime() + offset).toISOString()).toBe('2020-12-15T09:30:00.000Z');
    process.env.ZHIDA_CLOCK_OFFSET_MS = String(offset);
    expect(now().getUTCFullYear()).toBe(2020);
  });

  // CI ran after 16:00 UTC, when Beijing is already on the next day: an offset that made the
  // UTC date read 2020-12-15 made the platform's day (Asia/Shanghai) 2020-12-16, and every
  // test that proposed a value "from today" was refused as a past day.
  it('makes the Asia/Shanghai date read as the business date, at any hour', () => {
    for (const at of [
      '2026-11-28T00:10:00Z',
      '2026-11-28T15:59:00Z',
      '2026-11-28T16:11:00Z',
      '2026-11-28T23:59:00Z',
    ]) {
      const real = new Date(at);
      const shifted = new Date(real.getTime() + offsetToBusinessDate('2020-12-15', real));
      expect(localDateOf(instantOf(shifted))).toBe('2020-12-15');
    }
  });

  it('refuses an offset that is not an integer', () => {
    process.env.ZHIDA_CLOCK_OFFSET_MS = '1.5';
    expect(() => now()).toThrow(/not an integer/);
  });
});
