import { scheduled, timeBudget } from '../../_lib/schedule';
import { closePublicityDue } from '../../services/close-publicity';

/**
 * Hourly: ended 公示 → payable, reserving budget (applications and grants), page by page until
 * done or the run's time is up (infra/functions/money.yml: timeout 300 s); a run that stops
 * early returns `drained: false` and the next one closes the rest.
 */
export const handler = scheduled('close-publicity', (now, context) =>
  closePublicityDue({ now, ...timeBudget(context) }),
);
