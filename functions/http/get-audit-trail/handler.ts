import { getAuditTrail as route } from '../../../shared/contracts/audit';
import { auditTrail } from '../../services/audit';
import { httpHandler } from '../_lib/http-handler';

/**
 * GET /v1/audit/{kind}/{id}/trail — auditor, admin: a payment, grant or application followed
 * back through its whole chain (decisions, policy and explanation, facts and their hash,
 * budget, payment attempts and treasury answers, objections, recoveries).
 */
export const handler = httpHandler(route, ({ params }) => auditTrail(params.kind, params.id));
