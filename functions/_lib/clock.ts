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

/** The offset that makes today's date read as `businessDate` (YYYY-MM-DD), keeping the time of day. */
export function offsetToBusinessDate(businessDate: string, realNow = new Date()): number {
  const target = Date.parse(`${businessDate}T00:00:00Z`);
  if (Number.isNaN(target)) throw new Error(`not a date: ${businessDate}`);
  const realMidnight = Date.UTC(
    realNow.getUTCFullYear(),
    realNow.getUTCMonth(),
    realNow.getUTCDate(),
  );
  return target - realMidnight;
}
