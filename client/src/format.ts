/** Display formats for dates and SLA; money is formatted only by formatFen (@shared/money). */

/** 2026-03-05 or an ISO instant → 2026年3月5日 (Asia/Shanghai for instants). */
export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  // Shift to UTC+8 by hand: weapp's Intl support varies by base library.
  const local = new Date(d.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

export type SlaTone = 'ok' | 'soon' | 'overdue' | 'unknown';

/**
 * The reviewer's countdown in working days, as computed by the server's calendar.
 * null means the calendar does not cover the period (e.g. next year's holidays
 * are not published yet): say so rather than guess.
 */
export function slaCountdown(workingDaysLeft: number | null): { text: string; tone: SlaTone } {
  if (workingDaysLeft === null) return { text: '时限待定（节假日安排未公布）', tone: 'unknown' };
  if (workingDaysLeft < 0) return { text: `已超期 ${-workingDaysLeft} 个工作日`, tone: 'overdue' };
  if (workingDaysLeft === 0) return { text: '今日到期', tone: 'soon' };
  return { text: `剩余 ${workingDaysLeft} 个工作日`, tone: workingDaysLeft <= 2 ? 'soon' : 'ok' };
}

/**
 * A yuan amount typed by a person ("5000", "5,000.5", "¥5000.00") → integer fen, without
 * floating point; undefined when it is not a plain non-negative amount with ≤ 2 decimals.
 */
export function parseYuanInput(text: string): number | undefined {
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(text.replace(/[\s,，¥￥元]/g, ''));
  if (!m) return undefined;
  const cents = m[2] as string | undefined; // an optional group: undefined when absent
  return Number(m[1]) * 100 + Number((cents ?? '').padEnd(2, '0'));
}

/** An ISO instant → 2026年3月5日 14:05 (Asia/Shanghai). */
export function formatDateTime(value: string | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const local = new Date(d.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(value)} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
