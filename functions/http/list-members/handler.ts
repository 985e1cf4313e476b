import { members } from '../../services/identity';
import { asApplicant } from '../_lib/actors';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/enterprise/members — the enterprise's manager lists its manager and operators. */
export const handler = httpHandler({ access: 'applicant' }, async ({ actor }) =>
  ok(await members(asApplicant(actor))),
);
