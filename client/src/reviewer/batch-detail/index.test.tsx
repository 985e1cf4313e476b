/** 支付批次审批 (finance L2): approve with a note, reject with a reason, and the FOUR_EYES refusal in Chinese. */
import { ApiError } from '../../api/client';
import {
  approvePaymentBatch,
  getPaymentBatch,
  rejectPaymentBatch,
} from '../../api/payment-batches';
import { batchDetail } from '../../test-support/batches';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import { confirmModal, typeInto } from '../../test-support/type-into';
import ReviewerBatchDetailPage from './index';

jest.mock('../../api/payment-batches', () => ({
  getPaymentBatch: jest.fn(),
  approvePaymentBatch: jest.fn(),
  rejectPaymentBatch: jest.fn(),
}));
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual('@tarojs/taro');
  return { ...real, __esModule: true, useRouter: () => ({ params: { id: 'bat_01' } }) };
});
const getMock = getPaymentBatch as jest.MockedFunction<typeof getPaymentBatch>;
const approveMock = approvePaymentBatch as jest.MockedFunction<typeof approvePaymentBatch>;
const rejectMock = rejectPaymentBatch as jest.MockedFunction<typeof rejectPaymentBatch>;

beforeEach(() => {
  jest.clearAllMocks();
  getMock.mockResolvedValue(batchDetail());
});

test('approve sends the note after a confirmation that names the total', async () => {
  approveMock.mockResolvedValue(
    batchDetail({
      status: 'approved',
      statusLabel: '已批准拨付',
      decisionNote: '同意拨付',
      version: 2,
    }),
  );
  const page = await render(<ReviewerBatchDetailPage />);
  expect(await findByText(page, '¥10,000.00')).toBeTruthy();
  expect(getAllByTestId(page, 'batch-item')).toHaveLength(2);
  await typeInto(page, 'textarea', '同意拨付');
  await click(getByText(page, '确认批准'));
  expect(document.body.textContent).toContain('批准后将拨付 2 笔，共 ¥10,000.00。确定批准吗？');
  await confirmModal('确定批准');
  await waitFor(() => expect(approveMock).toHaveBeenCalledTimes(1));
  expect(approveMock.mock.calls[0].slice(0, 2)).toEqual(['bat_01', '同意拨付']);
  expect(await findByText(page, '已批准，资金将按批次拨付')).toBeTruthy();
  expect(getByText(page, '已批准拨付')).toBeTruthy();
  expect(page.querySelector('[data-testid="batch-decision"]')).toBeNull();
});

test('reject needs a reason, then sends it', async () => {
  rejectMock.mockResolvedValue(
    batchDetail({
      status: 'rejected',
      statusLabel: '已退回',
      decisionNote: '第2笔户名不符',
      version: 2,
    }),
  );
  const page = await render(<ReviewerBatchDetailPage />);
  await click(
    getAllByTestId(
      await waitFor(() => {
        getByText(page, '¥10,000.00');
        return page;
      }),
      'kind-reject',
    )[0],
  );
  await click(getByText(page, '确认退回'));
  expect(await findByText(page, '请填写退回原因')).toBeTruthy();
  expect(rejectMock).not.toHaveBeenCalled();
  await typeInto(page, 'textarea', '第2笔户名不符');
  await click(getByText(page, '确认退回'));
  await confirmModal('确定退回');
  await waitFor(() => expect(rejectMock).toHaveBeenCalledTimes(1));
  expect(rejectMock.mock.calls[0].slice(0, 2)).toEqual(['bat_01', '第2笔户名不符']);
  expect(await findByText(page, '已退回，事项可重新生成批次')).toBeTruthy();
});

test('FOUR_EYES: the server refusal shows its Chinese message and who may approve instead', async () => {
  approveMock.mockRejectedValue(
    new ApiError(403, 'FORBIDDEN', '您审核过该批次中的事项，不能审批该批次', {
      reason: 'FOUR_EYES',
    }),
  );
  const page = await render(<ReviewerBatchDetailPage />);
  await findByText(page, '¥10,000.00');
  await click(getByText(page, '确认批准'));
  await confirmModal('确定批准');
  const error = await waitFor(() => getAllByTestId(page, 'decision-error')[0]);
  expect(error.textContent).toContain('您审核过该批次中的事项，不能审批该批次');
  expect(error.textContent).toContain('请由未参与该批次任何事项审核的财政局复审人员审批。');
  expect(approveMock.mock.calls[0].slice(0, 2)).toEqual(['bat_01', undefined]);
  expect(getByText(page, '待财政审批')).toBeTruthy();
});

test('a reviewer the server marks as not able to decide sees why, and no form', async () => {
  getMock.mockResolvedValue(batchDetail({ canDecide: false }));
  const page = await render(<ReviewerBatchDetailPage />);
  await findByText(page, '¥10,000.00');
  expect(getAllByTestId(page, 'cannot-decide')[0].textContent).toContain('您审核过该批次中的事项');
  expect(page.querySelector('[data-testid="batch-decision"]')).toBeNull();
});
