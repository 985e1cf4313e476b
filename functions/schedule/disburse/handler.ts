import { scheduled, timeBudget } from '../../_lib/schedule';
import { disburseDue } from '../../services/disburse';

/** Every 5 minutes (infra/functions/money.yml: timeout 280 s): reconcile open payments, then pay due items until they are done or the run's time is up (retries back off). */
export const handler = scheduled(
  'disburse',
  (now, context) => disburseDue({ now, ...timeBudget(context) }),
  {
    // items whose start or reconciliation threw (they are retried next run)
    failed: (r) => (r.started.error ?? 0) + (r.reconciled.error ?? 0) > 0,
  },
);
