import { openApplicationMaterial as route } from '../../../shared/contracts/apply';
import { openApplicationMaterial } from '../../services/materials';
import { httpHandler } from '../_lib/http-handler';

/**
 * GET /v1/applications/{id}/materials/{materialId} — a pre-signed GET (5 minutes) to open one
 * material; the applicant itself, reviewers of the department, auditors. Each opening is audited.
 */
export const handler = httpHandler(route, ({ actor, params, now }) =>
  openApplicationMaterial(actor, params.id, params.materialId, now),
);
