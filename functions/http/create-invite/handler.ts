import { createInvite } from '../../services/identity';
import { asApplicant } from '../_lib/actors';
import { created, httpHandler } from '../_lib/http-handler';

/** POST /v1/enterprise/invites — the enterprise's manager creates a one-time invite code for a 经办人. */
export const handler = httpHandler({ access: 'applicant' }, async ({ actor }) =>
  created(await createInvite(asApplicant(actor))),
);
