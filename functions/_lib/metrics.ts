/**
 * Business metrics (issue 15; what they mean and which alarms watch them: docs/runbook.md).
 *
 * Powertools Metrics writes CloudWatch EMF: one JSON line on stdout that CloudWatch Logs turns
 * into metrics, with no API call and no extra IAM. Namespace `Zhida`, dimensions `service`
 * (zhida) and `stage`. The services call the one-line helpers of `businessMetrics` where the
 * event happens; the metrics are buffered and the wrappers (httpHandler, scheduled, the queue
 * worker) flush them once per invocation with `flushMetrics()`, as Powertools recommends for
 * handlers without its middleware. A metric with a dimension of its own (a decision's outcome,
 * a job's name) is a single metric, written at once.
 *
 * Amounts are integer fen (unit None), so a CloudWatch Sum of `…Fen` is fen.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ApplicationEvent } from '../../shared/lifecycle/application';

export const NAMESPACE = 'Zhida';
export const SERVICE = 'zhida';

/** Every metric name we emit; infra/alarms.yml and the package test use the same names. */
export const METRIC = {
  applicationsSubmitted: 'ApplicationsSubmitted',
  requestedFen: 'RequestedFen',
  /** dimension `outcome`: approve | reject | return */
  decisions: 'Decisions',
  approvedFen: 'ApprovedFen',
  grantsCreated: 'GrantsCreated',
  grantedFen: 'GrantedFen',
  paymentsSettled: 'PaymentsSettled',
  settledFen: 'SettledFen',
  /** a payment the treasury refused (failed) or sent back (returned) */
  paymentsFailed: 'PaymentsFailed',
  failedFen: 'FailedFen',
  /** items the disburse run moved to on_hold (retry budget spent): an operator must act */
  paymentsHeld: 'PaymentsHeld',
  /** reviews past their working-day deadline, counted by the daily sla-watch run */
  reviewsOverdue: 'ReviewsOverdue',
  /** dimension `job`: the run threw, or finished with items it could not process */
  jobRunsFailed: 'JobRunsFailed',
  /** a write that lost a race (optimistic version, TransactionConflict) and was tried again */
  conflictRetries: 'ConflictRetries',
} as const;

export type DecisionOutcome = 'approve' | 'reject' | 'return';

const metrics = new Metrics({
  namespace: NAMESPACE,
  serviceName: SERVICE,
  defaultDimensions: { stage: process.env.STAGE ?? 'local' },
});

const count = (name: string, n = 1) => metrics.addMetric(name, MetricUnit.Count, n);
const amount = (name: string, fen: number) => metrics.addMetric(name, MetricUnit.NoUnit, fen);

/** One metric with one extra dimension, written now (EMF has one dimension set per line). */
function single(name: string, dimension: string, value: string, n = 1): void {
  metrics.singleMetric().addDimension(dimension, value).addMetric(name, MetricUnit.Count, n);
}

export const businessMetrics = {
  applicationSubmitted(requestedFen: number | undefined): void {
    count(METRIC.applicationsSubmitted);
    if (requestedFen !== undefined) amount(METRIC.requestedFen, requestedFen);
  },
  /** A reviewer's decision (level 1 or 2, one at a time or in a batch); an approval adds its amount. */
  decided(decision: { readonly kind: DecisionOutcome; readonly amountFen?: number }): void {
    single(METRIC.decisions, 'outcome', decision.kind);
    if (decision.kind === 'approve' && decision.amountFen !== undefined)
      amount(METRIC.approvedFen, decision.amountFen);
  },
  /** The decisions among an application's saved events (a single decision or a batch approval). */
  decisionsIn(events: readonly ApplicationEvent[]): void {
    for (const e of events)
      if (e.type === 'ApplicationDecided') businessMetrics.decided(e.decision);
  },
  grantCreated(amountFen: number): void {
    count(METRIC.grantsCreated);
    amount(METRIC.grantedFen, amountFen);
  },
  /** A payment closed by the treasury's answer: paid, or failed / returned. */
  paymentClosed(kind: 'paid' | 'failed' | 'returned', amountFen: number): void {
    if (kind === 'paid') {
      count(METRIC.paymentsSettled);
      amount(METRIC.settledFen, amountFen);
    } else {
      count(METRIC.paymentsFailed);
      amount(METRIC.failedFen, amountFen);
    }
  },
  paymentsHeld(n: number): void {
    count(METRIC.paymentsHeld, n);
  },
  reviewsOverdue(n: number): void {
    count(METRIC.reviewsOverdue, n);
  },
  /** One retry of a write that lost a race (services/retry.ts withRetry). */
  conflictRetried(): void {
    count(METRIC.conflictRetries);
  },
  /** Written at once: a failing run may end the invocation by throwing. */
  jobRunFailed(job: string): void {
    single(METRIC.jobRunsFailed, 'job', job);
  },
};

/** Writes the buffered metrics (one EMF line); nothing when none were recorded. */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
