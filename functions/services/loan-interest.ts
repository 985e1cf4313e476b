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
import { instantOf, localDateOf, type LocalDate } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { LoanId } from '../../shared/ids';
import { openPayout } from '../../shared/lifecycle/interest-payout';
import { subsidiseQuarter } from '../../shared/lifecycle/loan';
import {
  DEFAULT_SUBSIDY_RATES,
  previousQuarter,
  quarterOf,
  settlementDateOf,
  type Quarter,
  type RateRow,
} from '../../shared/loan-interest';
import { fen, minFen } from '../../shared/money';
import { policyCatalogue } from './catalogue';
import { logger } from '../_lib/logger';
import { openBudget, reserve } from '../repositories/ledger';
import { findLoan, listActiveLoans, payoutCreation, saveLoan } from '../repositories/loans';
import { mapLimit, tally, withRetry } from './retry';

const SYSTEM: SystemActor = { kind: 'system', job: 'loan-interest' };
export const INTEREST_POLICY = 'startup-loan-interest';

export type InterestOutcome =
  'recorded' | 'already_recorded' | 'nothing_owed' | 'no_account' | 'budget_exhausted' | 'error';

/** The quarter whose 结息日 is the latest on or before `today` (a run on 09-20 settles Q3; on 09-19, Q2). */
export function settledQuarter(today: LocalDate): Quarter {
  const q = quarterOf(today);
  return today >= settlementDateOf(q) ? q : previousQuarter(q);
}

export async function subsidiseLoan(
  loanId: LoanId,
  qtr: Quarter,
  o: { now?: Date; rates?: readonly RateRow[] } = {},
): Promise<InterestOutcome> {
  const now = instantOf(o.now ?? clockNow());
  const catalogue = await policyCatalogue();
  const policy =
    catalogue.inForce(INTEREST_POLICY, localDateOf(now)) ?? catalogue.find(INTEREST_POLICY);
  if (!policy) throw new Error(`policy ${INTEREST_POLICY} missing from the catalogue`);
  const policyId = policyIdOf(policy.id);
  try {
    return await withRetry(async () => {
      const r = await findLoan(loanId);
      if (!r) return 'error';
      if (r.loan.subsidisedQuarters.includes(qtr)) return 'already_recorded';
      if (!r.repaymentAccount) return 'no_account';
      const t = subsidiseQuarter(
        r.loan,
        { quarter: qtr, rates: o.rates ?? DEFAULT_SUBSIDY_RATES },
        SYSTEM,
        now,
      );
      // 单户每季度贴息上限 (POLICIES C parameter): the quarter's subsidy is capped per borrower.
      const record = { ...t.record, amountFen: minFen(t.record.amountFen, fen(policy.capFen)) };
      if (record.amountFen <= 0) return 'nothing_owed';
      const payout = openPayout(record, policyId, r.repaymentAccount, SYSTEM, now);
      await saveLoan(t.next, t.events, r.loan.version, {
        repaymentAccount: r.repaymentAccount,
        with: [
          ...payoutCreation(payout.next, payout.events, now),
          reserve(policyId, record.amountFen),
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
  const policy = (await policyCatalogue()).find(INTEREST_POLICY);
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
