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

  it('refuses an offset that is not an integer', () => {
    process.env.ZHIDA_CLOCK_OFFSET_MS = '1.5';
    expect(() => now()).toThrow(/not an integer/);
  });
});
