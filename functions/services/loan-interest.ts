/**
 * Quarterly 贴息 (DESIGN §7: the 20th of the last month of each quarter, when banks settle
 * interest). For every active loan: compute the quarter's subsidy (shared `subsidiseQuarter`,
 * which refuses a quarter already recorded), and in ONE transaction record the quarter on
 * the loan, create the payout (id = loan + quarter, attribute_not_exists) and reserve the
 * budget. A rerun, or a crash half-way, finds the quarter recorded and creates nothing;
 * the payout is then paid by the disburse job like any payable item.
 */
import { now as clockNow } from '../_lib/clock';
import type { SystemActor } from '../../shared/actor';
import { policyIdOf } from '../../shared/auto-grant';
import { instantOf, localDateOf } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { LoanId } from '../../shared/ids';
import { quarterSubsidy } from '../../shared/lifecycle/interest-payout';
import {
  DEFAULT_SUBSIDY_RATES,
  settledQuarter,
  type Quarter,
  type RateRow,
} from '../../shared/loan-interest';
import { fen } from '../../shared/money';
import { findPolicy } from '../../shared/policies';
import { logger } from '../_lib/logger';
import { openBudget, reserve } from '../repositories/ledger';
import { findLoan, listActiveLoans, payoutCreation, saveLoan } from '../repositories/loans';
import { mapLimit, tally, withRetry } from './retry';

const SYSTEM: SystemActor = { kind: 'system', job: 'loan-interest' };
export const INTEREST_POLICY = 'startup-loan-interest';

export type InterestOutcome =
  'recorded' | 'already_recorded' | 'nothing_owed' | 'no_account' | 'budget_exhausted' | 'error';

export { settledQuarter };

export async function subsidiseLoan(
  loanId: LoanId,
  qtr: Quarter,
  o: { now?: Date; rates?: readonly RateRow[] } = {},
): Promise<InterestOutcome> {
  const policy = findPolicy(INTEREST_POLICY);
  if (!policy) throw new Error(`policy ${INTEREST_POLICY} missing from the catalogue`);
  const policyId = policyIdOf(policy.id);
  const now = instantOf(o.now ?? clockNow());
  try {
    return await withRetry(async () => {
      const r = await findLoan(loanId);
      if (!r) return 'error';
      const step = quarterSubsidy(
        r.loan,
        r.repaymentAccount,
        {
          quarter: qtr,
          rates: o.rates ?? DEFAULT_SUBSIDY_RATES,
          capFen: fen(policy.capFen),
          policyId,
        },
        SYSTEM,
        now,
      );
      if (step.kind !== 'record') return step.kind;
      await saveLoan(step.loan.next, step.loan.events, r.loan.version, {
        repaymentAccount: r.repaymentAccount,
        with: [
          ...payoutCreation(step.payout.next, step.payout.events, now),
          reserve(policyId, step.amountFen),
        ],
      });
      return 'recorded';
    });
  } catch (e) {
    if (e instanceof DomainError) {
      if (e.code === 'DUPLICATE') return 'already_recorded';
      if (e.code === 'BUDGET_EXHAUSTED') return 'budget_exhausted';
      if (e.code === 'WRONG_STATE') return 'nothing_owed';
    }
    logger.error('loan interest failed', { loanId, error: (e as Error).message });
    return 'error';
  }
}

export async function settleLoanInterest(
  o: { now?: Date; quarter?: Quarter; rates?: readonly RateRow[]; concurrency?: number } = {},
) {
  const now = instantOf(o.now ?? clockNow());
  const qtr = o.quarter ?? settledQuarter(localDateOf(now));
  const policy = findPolicy(INTEREST_POLICY);
  if (policy) await openBudget(policyIdOf(policy.id), fen(policy.budgetFen));
  const outcomes: InterestOutcome[] = [];
  let cursor: string | undefined;
  do {
    const page = await listActiveLoans(cursor);
    outcomes.push(
      ...(await mapLimit(page.items, o.concurrency ?? 4, (r) => subsidiseLoan(r.loan.id, qtr, o))),
    );
    cursor = page.nextCursor;
  } while (cursor);
  return { quarter: qtr, outcomes: tally(outcomes) };
}
