/**
 * DESIGN §5: reserving budget and moving to payable is one conditional transaction.
 * Fifty 公示 closing at once against a budget for ten: exactly ten payable, the ledger
 * exact to the fen, the other forty still in 公示 (counted as budget_exhausted) — and a
 * 追加预算 lets the next hourly run through.
 */

import {
  closeGrantPublicity,
  closePublicityDue,
} from '../../../functions/services/close-publicity';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { approveChange, requestChange } from '../../../functions/services/budget';
import type { UserId } from '../../../shared/ids';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import { findPolicy } from '../../../shared/policies';
import type { GrantId } from '../../../shared/ids';
import { freshTable } from '../../support/table';
import { daysAfter, PAYEE, T_RUN, uscc } from './support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

const AMOUNT = 123_456; // fen, deliberately not round
const hireLocal = findPolicy('hire-local')!;
const policyId = policyIdOf('hire-local');

async function grantsInPublicity(n: number): Promise<GrantId[]> {
  const ids: GrantId[] = [];
  for (let i = 0; i < n; i++) {
    const t = detectGrant(
      {
        policyId,
        policyVersion: 1,
        subjectId: subjectIdOf(uscc(5000 + i)),
        period: grantPeriodOf(hireLocal),
        department: 'finance',
        amountFen: fen(AMOUNT),
        capFen: fen(hireLocal.capFen),
        publicityDays: 5,
        payee: PAYEE,
      },
      { kind: 'system', job: 'auto-grant' },
      instantOf(T_RUN),
    );
    await saveGrant(t.next, t.events, 'new');
    ids.push(t.next.id);
  }
  return ids;
}

describe('budget ledger under concurrent approvals', () => {
  let ids: GrantId[];
  beforeAll(async () => {
    await freshTable();
    expect(await openBudget(policyId, 2020, fen(10 * AMOUNT + 99))).toBe('opened');
    expect(await openBudget(policyId, 2020, fen(1))).toBe('existed'); // never reopened or reset
    ids = await grantsInPublicity(50);
  });

  it('50 concurrent publicity closes against a budget for 10 → exactly 10 payable', async () => {
    const at = instantOf(daysAfter(T_RUN, 6));
    const outcomes = await Promise.all(ids.map((id) => closeGrantPublicity(id, at)));
    expect(outcomes.filter((o) => o === 'payable')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'budget_exhausted')).toHaveLength(40);
    const states = await Promise.all(ids.map(async (id) => (await getGrant(id)).status));
    expect(states.filter((s) => s === 'payable')).toHaveLength(10);
    expect(states.filter((s) => s === 'publicity')).toHaveLength(40);
    const budget = await getBudget(policyId, 2020);
    expect(budget).toEqual({
      policyId,
      fiscalYear: 2020,
      totalFen: 10 * AMOUNT + 99,
      reservedFen: 10 * AMOUNT,
      paidFen: 0,
      remainingFen: 99,
    });
    expect(budget!.remainingFen + budget!.reservedFen + budget!.paidFen).toBe(budget!.totalFen);
  });

  it('a rerun of the hourly job changes nothing while the budget is exhausted', async () => {
    const r = await closePublicityDue({ now: daysAfter(T_RUN, 7) });
    expect(r.grants).toEqual({ budget_exhausted: 40 });
    expect(await getBudget(policyId, 2020)).toMatchObject({
      reservedFen: 10 * AMOUNT,
      remainingFen: 99,
    });
  });

  it('a 追加预算 for 5 more lets exactly 5 more through', async () => {
    const top = await requestChange(
      {
        kind: 'top_up',
        policyId: 'hire-local',
        fiscalYear: 2020,
        amountFen: 5 * AMOUNT,
        reason: '追加就业补助资金',
        documentNo: '高财社〔2020〕88号',
      },
      { kind: 'admin', userId: 'usr_budget_a' as UserId },
      T_RUN,
    );
    await approveChange(
      top.id as Parameters<typeof approveChange>[0],
      { kind: 'admin', userId: 'usr_budget_b' as UserId },
      T_RUN,
    );
    const r = await closePublicityDue({ now: daysAfter(T_RUN, 8), concurrency: 16 });
    expect(r.grants).toEqual({ payable: 5, budget_exhausted: 35 });
    expect(await getBudget(policyId, 2020)).toEqual({
      policyId,
      fiscalYear: 2020,
      totalFen: 15 * AMOUNT + 99,
      reservedFen: 15 * AMOUNT,
      paidFen: 0,
      remainingFen: 99,
    });
  });
});
