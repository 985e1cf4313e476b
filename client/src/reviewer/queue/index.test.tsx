/** 待审件: each row shows its SLA countdown; overdue and unknown calendars are said plainly. */
import { fen } from '@shared/money'
import { getReviewQueue, type QueueItem } from '../../api/review'
import { findByText, getAllByTestId, getByText, render } from '../../test-support/render'
import ReviewQueuePage from './index'

jest.mock('../../api/review', () => ({ getReviewQueue: jest.fn() }))
const getReviewQueueMock = getReviewQueue as jest.MockedFunction<typeof getReviewQueue>

const row = (over: Partial<QueueItem>): QueueItem => ({
  applicationId: 'a1',
  policyId: 'startup-grant',
  policyTitle: '一次性创业补贴',
  applicantName: '赵六',
  status: 'review_l1',
  requestedFen: fen(500000),
  submittedAt: '2026-03-02T01:00:00Z',
  slaDueOn: '2026-03-13',
  slaWorkingDaysLeft: 4,
  ...over,
})

test('rows show applicant, amount and the working-day countdown, oldest first as served', async () => {
  getReviewQueueMock.mockResolvedValue({
    items: [
      row({ applicationId: 'a0', applicantName: '钱七', slaWorkingDaysLeft: -2 }),
      row({ applicationId: 'a1' }),
      row({ applicationId: 'a2', applicantName: '孙八', slaWorkingDaysLeft: null, slaDueOn: undefined }),
    ],
  })
  const page = await render(<ReviewQueuePage />)
  expect(await findByText(page, '已超期 2 个工作日')).toBeTruthy()
  expect(getByText(page, '剩余 4 个工作日')).toBeTruthy()
  expect(getByText(page, '时限待定（节假日安排未公布）')).toBeTruthy()
  expect(getByText(page, '申请人：钱七')).toBeTruthy()
  const rows = getAllByTestId(page, 'queue-row')
  expect(rows.map((r) => r.textContent?.includes('钱七'))).toEqual([true, false, false])
  expect(rows[1]!.textContent).toContain('¥5,000.00')
  expect(rows[1]!.textContent).toContain('截止 2026年3月13日')
  expect(getReviewQueueMock).toHaveBeenCalledWith({ status: undefined })
})

test('an empty queue says so', async () => {
  getReviewQueueMock.mockResolvedValue({ items: [] })
  const page = await render(<ReviewQueuePage />)
  expect(await findByText(page, '暂无待审件')).toBeTruthy()
})
