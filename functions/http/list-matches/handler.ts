import { matches } from '../../services/policies';
import { listMatches as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/me/matches — every policy for the subject's kind, judged on its facts, with reasons. */
export const handler = httpHandler(route, ({ actor, now }) => matches(actor, now));
