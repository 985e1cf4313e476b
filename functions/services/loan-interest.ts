/**
 * Quarterly 贴息 (DESIGN §7: the 20th of the last month of each quarter, when banks settle
 * interest). For every active loan: compute the quarter's subsidy (shared `subsidiseQuarter`,
 * which refuses a quarter already recorded), and in ONE transaction record the quarter on
 * the loan, create the payout (id = loan + quarter, attribute_not_exists) and reserve the
 * budget. A rerun, or a crash half-way, finds the quarter recorded and creates nothing;
 * the payout is then paid by the disburse job like any payable item.
 *
 * Issue 13: the policy's own rules decide each quarter. `startup-loan-interest` is evaluated by
 * the rules engine on the quarter's facts about the loan (status, on-time repayment: no arrears
 * older than the policy's threshold inside the period; the policy window as of the 结息日); a
 * quarter it refuses is recorded on the loan with the reason, once. The amount is the actual
 * outstanding principal × days at the contract rate × the finance share (actual/365, one rounding),
 * capped per quarter. The payee is the policy setting: the bank's settlement account from the
 * contract, or the borrower's repayment account (loans recorded before contracts: that account).
 */
import { now as clockNow } from '../_lib/clock';
import type { SystemActor } from '../../shared/actor';
import { policyIdOf } from '../../shared/auto-grant';
import { instantOf, localDateOf, type LocalDate } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { LoanId } from '../../shared/ids';
import { openPayout } from '../../shared/lifecycle/interest-payout';
import {
  contractRates,
  outstandingFen,
  overdueDaysIn,
  refuseQuarter,
  subsidiseQuarter,
  type Loan,
} from '../../shared/lifecycle/loan';
import { loanTermsOn, STARTUP_LOAN_TERMS } from '../../shared/loan-terms';
import { evaluate } from '../../shared/rules';
import type { Fact } from '../../shared/facts';
import {
  DEFAULT_SUBSIDY_RATES,
  interestPeriod,
  previousQuarter,
  quarterOf,
  settlementDateOf,
  type Quarter,
  type RateRow,
} from '../../shared/loan-interest';
import { fen, minFen } from '../../shared/money';
import { policyCatalogue } from './catalogue';
import { logger } from '../_lib/logger';
import { reserve } from '../repositories/ledger';
import { payoutFiscalYear } from '../../shared/budget';
import { openPolicyBudgets } from './budget';
import { findLoan, listActiveLoans, payoutCreation, saveLoan } from '../repositories/loans';
import { mapLimit, tally, withRetry } from './retry';

const SYSTEM: SystemActor = { kind: 'system', job: 'loan-interest' };
export const INTEREST_POLICY = 'startup-loan-interest';

export type InterestOutcome =
  | 'recorded'
  | 'refused'
  | 'already_recorded'
  | 'nothing_owed'
  | 'no_account'
  | 'budget_exhausted'
  | 'error';

/** The quarter's facts about one loan, as the loan registry would state them (the rules read these). */
export function quarterFacts(
  loan: Loan,
  qtr: Quarter,
  overdueNoSubsidyDays: number = STARTUP_LOAN_TERMS.overdueNoSubsidyDays,
): { facts: Fact[]; overdueDays: number } {
  const { fromOn, toOn } = interestPeriod(qtr);
  const overdueDays = overdueDaysIn(loan, qtr);
  const onTime = overdueDays <= overdueNoSubsidyDays;
  const fact: Fact = {
    subjectId: loan.subjectId,
    source: 'loan_registry',
    period: { from: fromOn, to: toOn },
    values: {
      loans: [
        {
          loanId: loan.id,
          kind: 'startup_guarantee',
          principalFen: loan.principalFen ?? 0,
          outstandingFen: outstandingFen(loan),
          annualRateBp: loan.contract?.annualRateBp ?? 0,
          // outstanding during the period (a loan repaid in it still earns its days)
          status: loan.status === 'defaulted' ? 'defaulted' : onTime ? 'active' : 'overdue',
          repaidOnTime: onTime,
          startOn: loan.lentOn ?? fromOn,
          maturityOn: loan.maturityOn ?? toOn,
        },
      ],
    },
  };
  return { facts: [fact], overdueDays };
}

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
  // the overdue threshold in force at the quarter's end (a dated studio parameter)
  const { overdueNoSubsidyDays } = loanTermsOn(catalogue.params, interestPeriod(qtr).toOn);
  try {
    return await withRetry(async () => {
      const r = await findLoan(loanId);
      if (!r) return 'error';
      if (
        r.loan.subsidisedQuarters.includes(qtr) ||
        (r.loan.refusedQuarters ?? []).some((x) => x.quarter === qtr)
      )
        return 'already_recorded';
      const accounts = { repaymentAccount: r.repaymentAccount, bankAccount: r.bankAccount };
      // the policy's own rules on the quarter's facts: on time, inside the window
      const { facts, overdueDays } = quarterFacts(r.loan, qtr, overdueNoSubsidyDays);
      const verdict = evaluate(policy, facts, interestPeriod(qtr).toOn);
      if (!verdict.eligible) {
        const failed = verdict.conditions.filter((c) => c.passed === false).map((c) => c.label);
        const overdue = overdueDays > overdueNoSubsidyDays;
        const refusal = refuseQuarter(
          r.loan,
          {
            quarter: qtr,
            code: overdue ? 'OVERDUE' : 'NOT_ELIGIBLE',
            reason: overdue
              ? `本季度逾期${String(overdueDays)}天，超过${String(overdueNoSubsidyDays)}天，不予贴息`
              : `不符合贴息条件：${failed.join('；')}`,
          },
          SYSTEM,
          now,
        );
        await saveLoan(refusal.next, refusal.events, r.loan.version, accounts);
        return 'refused';
      }
      const payee =
        STARTUP_LOAN_TERMS.interestPayee === 'bank'
          ? (r.bankAccount ?? r.repaymentAccount)
          : r.repaymentAccount;
      if (!payee) return 'no_account';
      const rates =
        contractRates(r.loan, STARTUP_LOAN_TERMS.interestShareBp) ??
        o.rates ??
        DEFAULT_SUBSIDY_RATES;
      const t = subsidiseQuarter(r.loan, { quarter: qtr, rates }, SYSTEM, now);
      // 单户每季度贴息上限 (POLICIES C parameter): the quarter's subsidy is capped per borrower.
      const record = { ...t.record, amountFen: minFen(t.record.amountFen, fen(policy.capFen)) };
      if (record.amountFen <= 0) return 'nothing_owed';
      const payout = openPayout(record, policyId, payee, SYSTEM, now);
      await saveLoan(t.next, t.events, r.loan.version, {
        ...accounts,
        with: [
          ...payoutCreation(payout.next, payout.events, now),
          reserve(policyId, payoutFiscalYear(record), record.amountFen),
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
  if (policy) await openPolicyBudgets([policy], [payoutFiscalYear({ quarter: qtr })]);
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
