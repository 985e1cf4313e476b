/**
 * The platform's clock. Production runs on real time. The seed policies are dated
 * (2020 schemes, the 2023 rent notice), so a demo or training stack can run shifted to a
 * business date inside their windows: `npm start` sets ZHIDA_CLOCK_OFFSET_MS once and
 * hands the same value to every process, so the API, the schedules and the fakes agree.
 * Session tokens stay on real time (jose checks expiry against the real clock).
 */
export function clockOffsetMs(): number {
  const raw = process.env.ZHIDA_CLOCK_OFFSET_MS;
  const offset = raw ? Number(raw) : 0;
  if (!Number.isSafeInteger(offset))
    throw new Error(`ZHIDA_CLOCK_OFFSET_MS is not an integer: ${String(raw)}`);
  return offset;
}

export function now(): Date {
  return new Date(Date.now() + clockOffsetMs());
}

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The offset that makes today's date in Asia/Shanghai (the platform's day, shared/calendar.ts)
 * read as `businessDate` (YYYY-MM-DD), keeping the time of day. Not the UTC date: from 16:00
 * UTC on, Beijing is a day ahead.
 */
export function offsetToBusinessDate(businessDate: string, realNow = new Date()): number {
  const target = Date.parse(`${businessDate}T00:00:00Z`);
  if (Number.isNaN(target)) throw new Error(`not a date: ${businessDate}`);
  const shanghaiMidnight = Math.floor((realNow.getTime() + SHANGHAI_MS) / DAY_MS) * DAY_MS;
  return target - shanghaiMidnight;
}
