import { OperatorPath } from '../../../shared/schemas/identity';
import { removeOperator } from '../../services/identity';
import { asApplicant } from '../_lib/actors';
import { httpHandler, ok } from '../_lib/http-handler';

/** DELETE /v1/enterprise/operators/{userId} — the manager removes a 经办人; their sessions end at once. */
export const handler = httpHandler(
  { access: 'applicant', params: OperatorPath },
  async ({ actor, params, now }) => ok(await removeOperator(asApplicant(actor), params, now)),
);
