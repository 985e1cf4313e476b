import { applyLoan as route } from '../../../shared/contracts/loans';
import { applyLoan } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/loans — apply for a startup guaranteed loan (≤ the ceiling, key group by the rules, 容缺). */
export const handler = httpHandler(route, ({ actor, body, guard, now }) =>
  applyLoan(actor, body, guard, now),
);
