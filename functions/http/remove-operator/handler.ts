import { removeOperator } from '../../services/identity';
import { removeOperator as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** DELETE /v1/enterprise/operators/{userId} — the manager removes a 经办人; their sessions end at once. */
export const handler = httpHandler(route, ({ actor, params, now }) =>
  removeOperator(actor, params, now),
);
