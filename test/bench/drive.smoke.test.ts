/**
 * The API figure's driver (test/bench/api-inprocess.ts): `concurrency` callers, the last
 * `amount` tasks measured, the lead-in run but not measured.
 */
import { drive, percentile } from './api-inprocess';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('runs the lead-in, measures only the tasks after it, and never runs more than `concurrency` at once', async () => {
  const ran: number[] = [];
  let inFlight = 0;
  let most = 0;
  // the lead-in's tasks are slow, as the first burst of callers is
  const result = await drive(
    30,
    5,
    async (i) => {
      ran.push(i);
      most = Math.max(most, ++inFlight);
      await sleep(i < 5 ? 300 : 5);
      inFlight--;
      return i === 33 ? 500 : 201;
    },
    5,
  );
  expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i));
  expect(most).toBe(5);
  expect(result.count).toBe(30);
  expect(result.statuses).toEqual({ '201': 29, '500': 1 });
  expect(result.failures).toBe(1);
  expect(result.p99).toBeLessThan(250); // none of the 300 ms lead-in tasks
  expect(result.perSec).toBeGreaterThan(0);
});

it('without a lead-in, measures every task', async () => {
  const result = await drive(4, 2, async (i) => {
    await sleep(i === 0 ? 120 : 1);
    return 200;
  });
  expect(result.count).toBe(4);
  expect(result.p99).toBeGreaterThanOrEqual(100);
});

it('percentile is nearest-rank', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentile(xs, 99)).toBe(99);
  expect(percentile(xs, 50)).toBe(50);
  expect(percentile([], 99)).toBeNaN();
});
