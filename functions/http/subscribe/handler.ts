import { SubscribeBody } from '../../../shared/schemas/policy';
import { subscribe } from '../../services/policies';
import { httpHandler, ok } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/me/subscriptions — "有新政策时提醒我": the subject is told when a new policy is published. */
export const handler = httpHandler(
  { access: 'applicant', body: SubscribeBody },
  async ({ actor, now }) => ok(await subscribe(asApplicant(actor), now)),
);
