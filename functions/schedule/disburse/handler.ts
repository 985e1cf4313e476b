import { scheduled } from '../../_lib/schedule';
import { disburseDue } from '../../services/disburse';

/** Every 15 minutes: reconcile open payments, then pay a batch of due items (retries back off). */
export const handler = scheduled('disburse', (now) => disburseDue({ now, batchSize: 500 }), {
  // items whose start or reconciliation threw (they are retried next run)
  failed: (r) => (r.started.error ?? 0) + (r.reconciled.error ?? 0) > 0,
});
