import { subscribe } from '../../services/policies';
import { subscribe as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/me/subscriptions — "有新政策时提醒我": the subject is told when a new policy is published. */
export const handler = httpHandler(route, ({ actor, now }) => subscribe(actor, now));
