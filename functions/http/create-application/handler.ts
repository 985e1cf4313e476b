import { createApplication } from '../../services/applications';
import { createApplication as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/applications — create and submit; Idempotency-Key makes a double tap one application. */
export const handler = httpHandler(route, ({ actor, body, guard, now }) =>
  createApplication(actor, body, guard, now),
);
