/** The audit trail and export (issue 14): auditors and admins. */
import { AuditExport, AuditTrail } from '@shared/schemas/audit';
import { call } from './client';

export type { AuditExport, AuditTrail, TrailStep } from '@shared/schemas/audit';
export type TrailKind = 'application' | 'grant' | 'payment';

/** GET /v1/audit/{kind}/{id}/trail */
export const getTrail = (kind: TrailKind, id: string) =>
  call('GET', `/v1/audit/${kind}/${encodeURIComponent(id)}/trail`, AuditTrail);

/** GET /v1/audit/policies/{policyId}/export — a link to the CSV, valid for minutes. */
export const exportPolicyAudit = (policyId: string) =>
  call('GET', `/v1/audit/policies/${encodeURIComponent(policyId)}/export`, AuditExport);
