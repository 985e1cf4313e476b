/** 担保决定: the cap that applies is shown and enforced before sending; the fee goes as basis points. */
import { fen } from '@shared/money';
import { decideGuarantee, type LoanDetail } from '../../api/loans';
import { click, findByText, getByText, render, waitFor } from '../../test-support/render';
import { typeInto } from '../../test-support/type-into';
import { GuaranteeForm } from '.';

jest.mock('../../api/loans', () => ({ decideGuarantee: jest.fn() }));
const decideMock = decideGuarantee as jest.MockedFunction<typeof decideGuarantee>;

const loan: LoanDetail = {
  id: 'loan_01',
  policyId: 'startup-loan',
  status: 'guarantee_review',
  statusLabel: '担保审核中',
  step: 'guarantee',
  stepLabel: '担保公司审核',
  reviewLevel: null,
  submittedAt: '2020-12-15T02:00:00Z',
  requestedFen: fen(20_000_000),
  capFen: fen(20_000_000),
  sla: null,
  guaranteedFen: null,
  principalFen: null,
  outstandingFen: null,
  lentOn: null,
  maturityOn: null,
  rejectionReason: null,
  businessName: '生活服务小店',
  borrower: { name: '张建军', idMasked: '6207**********3171' },
  details: {
    termMonths: 24,
    purpose: '购置设备',
    businessName: '生活服务小店',
    industry: 'living_service',
    industryLabel: '生活服务保障',
  },
  materials: [],
  missingMaterials: [],
  explanation: null,
  guaranteeFee: null,
  counterGuarantee: null,
  contract: null,
  repayments: [],
  arrears: [],
  deferral: null,
  compensation: null,
  repaymentAccount: null,
  interest: [],
  refusedQuarters: [],
  terms: {
    maxTermMonths: 36,
    maxSpreadBp: 250,
    feeCap: {
      standard: {
        capBp: 150,
        rule: 'living_service',
        label: '提供生活服务保障的企业：担保费率1.5%以下',
      },
      hardHit: {
        capBp: 150,
        rule: 'hard_hit',
        label: '受疫情影响严重的中小微企业：综合费率降低0.5个百分点',
      },
    },
    deferralLatestUntilOn: '2021-03-31',
    interestPayee: 'bank',
  },
  timeline: [],
};

beforeEach(() => jest.clearAllMocks());

test('the living-service cap is shown; above it nothing is sent; within it the fee goes in bp', async () => {
  const onDone = jest.fn();
  decideMock.mockResolvedValue({ ...loan, status: 'bank_lending' });
  const page = await render(<GuaranteeForm loan={loan} onDone={onDone} />);
  await click(getByText(page, '同意担保'));
  await findByText(page, '适用上限 1.50%：提供生活服务保障的企业：担保费率1.5%以下');
  await typeInto(page, '[data-testid="fee-rate"] input', '2');
  await click(getByText(page, '确认同意担保'));
  await findByText(page, '担保费率不能超过 1.50%（提供生活服务保障的企业：担保费率1.5%以下）');
  expect(decideMock).not.toHaveBeenCalled();

  await typeInto(page, '[data-testid="fee-rate"] input', '1.2');
  await click(getByText(page, '确认同意担保'));
  await waitFor(() => expect(onDone).toHaveBeenCalled());
  expect(decideMock.mock.calls[0]?.slice(0, 2)).toEqual([
    'loan_01',
    { decision: 'approve', feeRateBp: 120, hardHit: false },
  ]);
});

test('refusing needs a reason', async () => {
  const page = await render(<GuaranteeForm loan={loan} onDone={jest.fn()} />);
  await click(getByText(page, '不予担保'));
  await click(getByText(page, '确认不予担保'));
  await findByText(page, '请填写不予担保的理由');
  expect(decideMock).not.toHaveBeenCalled();
});
