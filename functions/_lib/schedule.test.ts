import { scheduled } from './schedule';

describe('scheduled', () => {
  const seen: Date[] = [];
  const job = scheduled('test-job', async (now) => {
    seen.push(now);
    return 'done';
  });
  const later = new Date(Date.now() + 10 * 86_400_000).toISOString();

  beforeEach(() => {
    seen.length = 0;
    // other projects' global setups may have shifted the clock or allowed overrides
    delete process.env.ZHIDA_CLOCK_OFFSET_MS;
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    process.env.LOG_LEVEL = 'SILENT';
  });
  afterEach(() => delete process.env.SCHEDULE_CLOCK_OVERRIDE);

  it('runs on the platform clock and ignores asOf by default (as on AWS)', async () => {
    await expect(job({ asOf: later })).resolves.toBe('done');
    expect(Math.abs(seen[0]!.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('runs later where the local stack allows it', async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await job({ asOf: later });
    expect(seen[0]!.toISOString()).toBe(later);
  });

  it('never runs earlier than now, even where allowed', async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await job({ asOf: '2001-01-01T00:00:00Z' });
    expect(seen[0]!.getFullYear()).toBeGreaterThan(2020);
  });

  it('lets a failure escape so the scheduler retries', async () => {
    const failing = scheduled('failing', async () => {
      throw new Error('boom');
    });
    await expect(failing()).rejects.toThrow('boom');
  });

  describe('failed runs are counted in JobRunsFailed (the failed-runs alarm)', () => {
    let out: string[];
    let write: jest.SpyInstance;
    beforeEach(() => {
      out = [];
      write = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((chunk: string | Uint8Array) => {
          out.push(String(chunk));
          return true;
        });
    });
    afterEach(() => {
      write.mockRestore();
    });
    const failedRuns = () =>
      out
        .filter((l) => l.includes('"JobRunsFailed"'))
        .map((l) => JSON.parse(l) as { job: string; JobRunsFailed: number });

    it('when the run throws', async () => {
      const failing = scheduled('disburse', () => Promise.reject(new Error('table unreachable')));
      await expect(failing()).rejects.toThrow('table unreachable');
      expect(failedRuns()).toMatchObject([{ job: 'disburse', JobRunsFailed: 1 }]);
    });

    it('when it finishes with items it could not process, and not when it finishes clean', async () => {
      const run = scheduled('sla-watch', () => Promise.resolve({ errors: 2 }), {
        failed: (r) => r.errors > 0,
      });
      await run();
      expect(failedRuns()).toMatchObject([{ job: 'sla-watch', JobRunsFailed: 1 }]);
      out.length = 0;
      await scheduled('sla-watch', () => Promise.resolve({ errors: 0 }), {
        failed: (r) => r.errors > 0,
      })();
      expect(failedRuns()).toEqual([]);
    });
  });
});
