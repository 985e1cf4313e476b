/** 支付批次审批 (finance L2): the pending batches first; each opens its detail. */
import { listPaymentBatches } from '../../api/payment-batches';
import { go } from '../../navigation';
import { batchSummary } from '../../test-support/batches';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import ReviewerBatchesPage from './index';

jest.mock('../../api/payment-batches', () => ({ listPaymentBatches: jest.fn() }));
jest.mock('../../navigation', () => ({ go: jest.fn() }));
const listMock = listPaymentBatches as jest.MockedFunction<typeof listPaymentBatches>;
const goMock = go as jest.MockedFunction<typeof go>;

beforeEach(() => jest.clearAllMocks());

test('lists the batches waiting for approval and opens one', async () => {
  listMock.mockResolvedValue({
    items: [
      batchSummary(),
      batchSummary({
        id: 'bat_02',
        policyTitle: '吸纳脱贫劳动力补贴',
        totalFen: 300000,
        itemCount: 1,
      }),
    ],
  });
  const page = await render(<ReviewerBatchesPage />);
  await waitFor(() => expect(getAllByTestId(page, 'batch-row')).toHaveLength(2));
  expect(listMock).toHaveBeenCalledWith({ status: 'pending_approval' });
  const rows = getAllByTestId(page, 'batch-row');
  expect(rows[1].textContent).toContain('吸纳脱贫劳动力补贴');
  expect(rows[1].textContent).toContain('¥3,000.00');
  await click(rows[1]);
  expect(goMock).toHaveBeenCalledWith('/reviewer/batch-detail/index?id=bat_02');
  await click(getByText(page, '已批准'));
  await waitFor(() => expect(listMock).toHaveBeenLastCalledWith({ status: 'approved' }));
});

test('nothing pending: the empty state says so', async () => {
  listMock.mockResolvedValue({ items: [] });
  const page = await render(<ReviewerBatchesPage />);
  expect(await findByText(page, '暂无待审批的支付批次')).toBeTruthy();
});
