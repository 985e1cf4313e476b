/**
 * 待审件: each row shows its SLA countdown (overdue and unknown calendars said plainly);
 * rows at this reviewer's level can be ticked and approved together.
 */
import { fen } from '@shared/money';
import { batchApprove, getReviewQueue, type QueueItem } from '../../api/review';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import ReviewQueuePage from './index';

jest.mock('../../api/review', () => ({ getReviewQueue: jest.fn(), batchApprove: jest.fn() }));
const getReviewQueueMock = getReviewQueue as jest.MockedFunction<typeof getReviewQueue>;
const batchApproveMock = batchApprove as jest.MockedFunction<typeof batchApprove>;

const row = (over: Partial<QueueItem>): QueueItem => ({
  applicationId: 'app_a1',
  policyId: 'startup-grant',
  policyTitle: '一次性创业补贴',
  applicant: { id: 'sub_1', kind: 'person', name: '赵六', code: '6207**********1234' },
  status: 'review_l1',
  statusLabel: '初审中',
  requestedFen: fen(500000),
  capFen: fen(500000),
  submittedAt: '2026-03-02T01:00:00Z',
  sla: { calendarKnown: true, dueOn: '2026-03-13', remainingWorkingDays: 4, overdueBy: 0 },
  slaWorkingDaysLeft: 4,
  canDecide: true,
  version: 3,
  ...over,
});
const person = (name: string) => ({
  id: `sub_${name}`,
  kind: 'person' as const,
  name,
  code: '6207**********1234',
});

beforeEach(() => jest.clearAllMocks());

test('rows show applicant, amount and the working-day countdown, oldest first as served', async () => {
  getReviewQueueMock.mockResolvedValue({
    items: [
      row({ applicationId: 'app_a0', applicant: person('钱七'), slaWorkingDaysLeft: -2 }),
      row({ applicationId: 'app_a1' }),
      row({
        applicationId: 'app_a2',
        applicant: person('孙八'),
        slaWorkingDaysLeft: null,
        sla: { calendarKnown: false, year: 2027 },
      }),
    ],
  });
  const page = await render(<ReviewQueuePage />);
  expect(await findByText(page, '已超期 2 个工作日')).toBeTruthy();
  expect(getByText(page, '剩余 4 个工作日')).toBeTruthy();
  expect(getByText(page, '时限待定（节假日安排未公布）')).toBeTruthy();
  expect(getByText(page, '申请人：钱七')).toBeTruthy();
  const rows = getAllByTestId(page, 'queue-row');
  expect(rows.map((r) => r.textContent.includes('钱七'))).toEqual([true, false, false]);
  expect(rows[1].textContent).toContain('¥5,000.00');
  expect(rows[1].textContent).toContain('截止 2026年3月13日');
  expect(rows[2].textContent).not.toContain('截止');
  expect(getReviewQueueMock).toHaveBeenCalledWith({ status: undefined });
});

test('an empty queue says so', async () => {
  getReviewQueueMock.mockResolvedValue({ items: [] });
  const page = await render(<ReviewQueuePage />);
  expect(await findByText(page, '暂无待审件')).toBeTruthy();
});

test('ticked rows are approved in one batch; only rows at my level can be ticked; the result is shown', async () => {
  getReviewQueueMock.mockResolvedValue({
    items: [
      row({ applicationId: 'app_a0' }),
      row({ applicationId: 'app_a1' }),
      row({ applicationId: 'app_a2', canDecide: false, status: 'review_l2' }),
    ],
  });
  batchApproveMock.mockResolvedValue({
    results: [
      { id: 'app_a0', ok: true, status: 'review_l2', amountFen: fen(500000) },
      { id: 'app_a1', ok: false, error: { code: 'BUDGET_EXHAUSTED', message: '预算不足' } },
    ],
    approved: 1,
    failed: 1,
  });
  const page = await render(<ReviewQueuePage />);
  await findByText(page, '申请人：赵六');
  const checks = getAllByTestId(page, 'queue-check');
  expect(checks).toHaveLength(2); // the L2 row is not mine to decide
  await click(checks[0]);
  await click(checks[1]);
  expect(getByText(page, '已选 2 件')).toBeTruthy();
  await click(getByText(page, '批量通过'));
  // Taro H5 showModal renders its own dialog; confirm it.
  await click(
    await waitFor(() => {
      const btn = Array.from(document.querySelectorAll<HTMLElement>('.taro-modal__foot div')).find(
        (el) => el.textContent === '确定通过',
      );
      if (!btn) throw new Error('no modal');
      return btn;
    }),
  );
  await waitFor(() => expect(batchApproveMock).toHaveBeenCalledTimes(1));
  expect(batchApproveMock.mock.calls[0][0]).toEqual(['app_a0', 'app_a1']);
  const result = await waitFor(() => getAllByTestId(page, 'batch-result')[0]);
  expect(result.textContent).toContain('已通过 1 件，1 件未通过');
  expect(result.textContent).toContain('app_a1：预算不足');
  expect(getReviewQueueMock).toHaveBeenCalledTimes(2); // reloaded after the batch
});
