import {
  addMonths,
  checkContract,
  percentToBp,
  progressOf,
  proposeSchedule,
  refusedStepOf,
  type ContractDraft,
} from './logic';

const terms = {
  maxTermMonths: 36,
  maxSpreadBp: 250,
  feeCap: {
    standard: { capBp: 200, rule: 'standard', label: '' },
    hardHit: { capBp: 150, rule: 'hard_hit', label: '' },
  },
  deferralLatestUntilOn: '2021-03-31',
  interestPayee: 'bank' as const,
};

const draft: ContractDraft = {
  contractNo: 'HT-2020-001',
  principalYuan: '200000',
  lprPercent: '3.85',
  spreadPercent: '0.50',
  startOn: '2020-12-15',
  maturityOn: '2022-12-15',
  instalments: '2',
  accountName: '甘肃银行高台支行',
  bankName: '甘肃银行高台支行',
  accountNumber: '9550880012345678',
};

describe('progressOf', () => {
  it('marks the steps done up to the one the loan waits at', () => {
    expect(progressOf({ status: 'guarantee_review' }).map((s) => s.state)).toEqual([
      'done',
      'current',
      'todo',
      'todo',
      'todo',
    ]);
    expect(progressOf({ status: 'active' }).map((s) => s.state)).toEqual([
      'done',
      'done',
      'done',
      'current',
      'todo',
    ]);
    expect(progressOf({ status: 'repaid' }).every((s) => s.state === 'done')).toBe(true);
  });

  it('marks the step that refused a rejected loan', () => {
    const timeline = [
      { type: 'LoanEligibilityDecided', text: '' },
      { type: 'LoanGuaranteeDecided', text: '' },
    ];
    expect(refusedStepOf(timeline)).toBe('guarantee');
    expect(progressOf({ status: 'rejected', refusedAt: 'guarantee' }).map((s) => s.state)).toEqual([
      'done',
      'failed',
      'todo',
      'todo',
      'todo',
    ]);
  });
});

describe('rates and dates', () => {
  it('reads a percentage as basis points', () => {
    expect(percentToBp('4.35')).toBe(435);
    expect(percentToBp('0.5%')).toBe(50);
    expect(percentToBp('3')).toBe(300);
    expect(percentToBp('4.355')).toBeUndefined();
    expect(percentToBp('abc')).toBeUndefined();
  });

  it('adds months, keeping to the month end', () => {
    expect(addMonths('2020-12-15', 12)).toBe('2021-12-15');
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
  });

  it('proposes instalments summing to the principal, the last on the maturity date', () => {
    const s = proposeSchedule(20_000_001, '2020-12-15', '2022-12-15', 24, 3);
    expect(s.map((r) => r.dueOn)).toEqual(['2021-08-15', '2022-04-15', '2022-12-15']);
    expect(s.reduce((a, r) => a + r.principalFen, 0)).toBe(20_000_001);
  });
});

describe('checkContract', () => {
  const loan = { guaranteedFen: 20_000_000, requestedFen: 20_000_000, terms };

  it('builds the lending body: rate = LPR + spread, schedule from the instalments', () => {
    const r = checkContract(draft, loan);
    expect(r.ok && r.value).toMatchObject({
      principalFen: 20_000_000,
      lprBp: 385,
      spreadBp: 50,
      annualRateBp: 435,
      schedule: [
        { dueOn: '2021-12-15', principalFen: 10_000_000 },
        { dueOn: '2022-12-15', principalFen: 10_000_000 },
      ],
    });
  });

  it('refuses a principal above the guaranteed amount, a spread over the cap, maturity before start', () => {
    const r = checkContract(
      { ...draft, principalYuan: '200000.01', spreadPercent: '2.6', maturityOn: '2020-12-01' },
      loan,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.principalYuan).toContain('¥200,000.00');
      expect(r.errors.spreadPercent).toContain('2.50%');
      expect(r.errors.maturityOn).toBe('到期日必须晚于放款日');
    }
  });

  it('asks for the 贴息 account when the policy pays the bank', () => {
    const r = checkContract({ ...draft, accountNumber: '' }, loan);
    expect(!r.ok && r.errors.accountNumber).toBeTruthy();
  });
});
