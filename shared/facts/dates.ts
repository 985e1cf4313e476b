/**
 * Local calendar dates (Asia/Shanghai) as ISO strings `YYYY-MM-DD`.
 * Policy texts speak in whole days ("2020年1月1日至12月31日"), so facts and rules
 * never carry a time of day; ISO strings of equal length compare correctly as strings,
 * which keeps the compiled rules free of Date objects (and of the host's time zone).
 */
import { z } from 'zod';

export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

const pad = (n: number, width: number) => n.toString().padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST and host-zone effects.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` later (or earlier when negative), clamped to the month's end:
 * 2020-01-31 + 1 → 2020-02-29. "离校2年内" is then `graduateOn >= addMonths(startedOn, -24)`.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Inclusive on both ends, like the policy texts ("1月1日至12月31日期间"). */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate | null): boolean {
  return from <= date && (to === null || date <= to);
}
