import { scheduled } from '../../_lib/schedule';
import { watchSla } from '../../services/sla-watch';

/** Daily: flags reviews past their working-day deadline. */
export const handler = scheduled('sla-watch', (now) => watchSla({ now }));
