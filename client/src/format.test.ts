import { formatDate, slaCountdown } from './format';

test('SLA countdown in working days, with overdue and unknown calendar said plainly', () => {
  expect(slaCountdown(5)).toEqual({ text: '剩余 5 个工作日', tone: 'ok' });
  expect(slaCountdown(2).tone).toBe('soon');
  expect(slaCountdown(0)).toEqual({ text: '今日到期', tone: 'soon' });
  expect(slaCountdown(-3)).toEqual({ text: '已超期 3 个工作日', tone: 'overdue' });
  expect(slaCountdown(null).tone).toBe('unknown');
});

test('dates are shown in Asia/Shanghai', () => {
  expect(formatDate('2026-02-28')).toBe('2026年2月28日');
  // 16:30 UTC on the 28th is already 1 March in Shanghai
  expect(formatDate('2026-02-28T16:30:00Z')).toBe('2026年3月1日');
  expect(formatDate(undefined)).toBe('—');
});
