import { myTodos } from '../../services/todos';
import { listTodos as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/me/todos — every task waiting on the signed-in applicant (the home page's 待办). */
export const handler = httpHandler(route, ({ actor, now }) => myTodos(actor, now));
