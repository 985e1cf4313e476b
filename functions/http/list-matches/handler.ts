import { matches } from '../../services/policies';
import { httpHandler, ok } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** GET /v1/me/matches — every policy for the subject's kind, judged on its facts, with reasons. */
export const handler = httpHandler({ access: 'applicant' }, async ({ actor, now }) =>
  ok(await matches(asApplicant(actor), now)),
);
