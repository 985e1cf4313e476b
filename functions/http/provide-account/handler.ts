import { provideApplicationAccount } from '../../services/applications';
import { provideAccount as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/applications/{id}/account — give or correct the receiving account (shown and logged masked only). */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  provideApplicationAccount(actor, params.id, body, guard, now),
);
