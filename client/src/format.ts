/** Display formats for dates and SLA; money is formatted only by formatFen (@shared/money). */

/** 2026-03-05 or an ISO instant → 2026年3月5日 (Asia/Shanghai for instants). */
export function formatDate(value: string | undefined): string {
  if (!value) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (m) return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  // Shift to UTC+8 by hand: weapp's Intl support varies by base library.
  const local = new Date(d.getTime() + 8 * 3600_000)
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`
}

export type SlaTone = 'ok' | 'soon' | 'overdue' | 'unknown'

/**
 * The reviewer's countdown in working days, as computed by the server's calendar.
 * null means the calendar does not cover the period (e.g. next year's holidays
 * are not published yet): say so rather than guess.
 */
export function slaCountdown(workingDaysLeft: number | null): { text: string; tone: SlaTone } {
  if (workingDaysLeft === null) return { text: '时限待定（节假日安排未公布）', tone: 'unknown' }
  if (workingDaysLeft < 0) return { text: `已超期 ${-workingDaysLeft} 个工作日`, tone: 'overdue' }
  if (workingDaysLeft === 0) return { text: '今日到期', tone: 'soon' }
  return { text: `剩余 ${workingDaysLeft} 个工作日`, tone: workingDaysLeft <= 2 ? 'soon' : 'ok' }
}
