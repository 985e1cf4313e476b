/** The audit trail and export (issue 14): auditors and admins, by their route contracts. */
import { exportPolicyAudit as exportRoute, getAuditTrail } from '@shared/contracts/audit';
import { call } from './client';

export type { AuditExport, AuditTrail, TrailStep } from '@shared/schemas/audit';
export type TrailKind = 'application' | 'grant' | 'payment';

/** GET /v1/audit/{kind}/{id}/trail */
export const getTrail = (kind: TrailKind, id: string) =>
  call(getAuditTrail, { params: { kind, id } });

/** GET /v1/audit/policies/{policyId}/export — a link to the CSV, valid for minutes. */
export const exportPolicyAudit = (policyId: string) => call(exportRoute, { params: { policyId } });
