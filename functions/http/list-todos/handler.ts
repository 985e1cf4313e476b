import { myTodos } from '../../services/todos';
import { httpHandler, ok } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** GET /v1/me/todos — every task waiting on the signed-in applicant (the home page's 待办). */
export const handler = httpHandler({ access: 'applicant' }, async ({ actor, now }) =>
  ok(await myTodos(asApplicant(actor), now)),
);
