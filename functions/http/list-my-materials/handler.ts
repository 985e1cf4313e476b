import { reusableMaterials } from '../../services/materials';
import { httpHandler, ok } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** GET /v1/me/materials — files verified in the subject's earlier applications, to reuse. */
export const handler = httpHandler({ access: 'applicant' }, async ({ actor }) =>
  ok(await reusableMaterials(asApplicant(actor))),
);
