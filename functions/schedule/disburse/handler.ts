import { scheduled } from '../../_lib/schedule';
import { disburseDue } from '../../services/disburse';

/**
 * Stop starting payments this long before the Lambda's deadline: what is in flight then
 * finishes (a treasury call times out after 5 s, then two writes), and the run returns
 * before the next one is due (infra/functions/money.yml: every 5 minutes, timeout 280 s).
 */
export const SAFETY_MS = 30_000;

/** Every 5 minutes: reconcile open payments, then pay due items until they are done or the run's time is up (retries back off). */
export const handler = scheduled(
  'disburse',
  (now, context) =>
    disburseDue({
      now,
      ...(context && { timeLeftMs: () => context.getRemainingTimeInMillis() - SAFETY_MS }),
    }),
  {
    // items whose start or reconciliation threw (they are retried next run)
    failed: (r) => (r.started.error ?? 0) + (r.reconciled.error ?? 0) > 0,
  },
);
