/** The next step of the payable tail's parked and held states (issue #10). */
import { application } from '../../test-support/fixtures';
import { nextStep } from './next-step';

test('parked without an account: the applicant is asked for one, and may give it', () => {
  const step = nextStep(
    application({ status: 'awaiting_account', statusLabel: '待提供收款账户', account: undefined }),
  );
  expect(step.text).toBe('尚未提供收款账户，资金无法拨付：请补充收款账户。');
  expect(step.actions).toEqual(['account']);
});

test('on hold: says the department is checking; the account can still be changed', () => {
  const step = nextStep(
    application({
      status: 'on_hold',
      statusLabel: '暂停拨付',
      account: { accountMasked: '****0014', bankName: '农行' },
    }),
  );
  expect(step.text).toContain('拨付已暂停');
  expect(step.actions).toEqual([]);
});
