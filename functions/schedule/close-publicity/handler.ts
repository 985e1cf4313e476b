import { scheduled } from '../../_lib/schedule';
import { closePublicityDue } from '../../services/close-publicity';

/**
 * Stop reading new pages of 公示 this long before the Lambda's deadline (infra/functions/money.yml:
 * timeout 300 s): the page in hand (at most 100 items, 4 at once, a transaction each, retried
 * on conflict) is closed to its end and the run returns with `drained: false` instead of being
 * cut off by the timeout; the next hourly run closes the rest.
 */
export const SAFETY_MS = 30_000;

/** Hourly: ended 公示 → payable, reserving budget (applications and grants), page by page until done or the run's time is up. */
export const handler = scheduled('close-publicity', (now, context) =>
  closePublicityDue({
    now,
    ...(context && { timeLeftMs: () => context.getRemainingTimeInMillis() - SAFETY_MS }),
  }),
);
