import { ApplicationMaterialPath } from '../../../shared/schemas/upload';
import { openApplicationMaterial } from '../../services/materials';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/**
 * GET /v1/applications/{id}/materials/{materialId} — a pre-signed GET (5 minutes) to open one
 * material; the applicant itself, reviewers of the department, auditors. Each opening is audited.
 */
export const handler = httpHandler(
  { access: ['applicant', 'reviewer', 'auditor'], params: ApplicationMaterialPath },
  async ({ actor, params, now }) =>
    ok(await openApplicationMaterial(asPerson(actor), params.id, params.materialId, now)),
);
