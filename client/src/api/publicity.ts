/** Public 公示 (issue 14), by their route contracts (shared/contracts/audit): no login needed. */
import {
  getPublicObjection,
  listPublicity as listPublicityRoute,
  objectPublicity,
} from '@shared/contracts/audit';
import type { PublicityKind } from '@shared/schemas/publicity';
import type { DepartmentCode } from '@shared/vocabulary/department';
import { call } from './client';

export type {
  PublicityEntry,
  PublicityKind,
  PublicityPage,
  PublicObjectionOutcome,
  PublicObjectionReceipt,
} from '@shared/schemas/publicity';

/** GET /v1/publicity — items in 公示, per policy and department. */
export const listPublicity = (q: {
  policyId?: string;
  department?: DepartmentCode;
  cursor?: string;
}) => call(listPublicityRoute, { query: q });

/** POST /v1/publicity/{kind}/{id}/objections — anyone, with a phone and a reason. */
export const objectPublicly = (
  kind: PublicityKind,
  id: string,
  body: { phone: string; text: string },
  idempotencyKey?: string,
) => call(objectPublicity, { params: { kind, id }, body, idempotencyKey });

/** GET /v1/publicity/objections/{objectionId}?code= — the objector's own objection and outcome. */
export const publicObjectionOutcome = (objectionId: string, code: string) =>
  call(getPublicObjection, { params: { objectionId }, query: { code } });
