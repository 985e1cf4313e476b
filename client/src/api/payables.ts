/** /v1/admin/payables and /v1/admin/recoveries (issue #10), typed and parsed by shared/schemas/payable. */
import {
  PayableCommandView,
  PayableItemPage,
  RecoveryView,
  type CorrectAccountBody,
  type OpenRecoveryBody,
  type PayablesQuery,
} from '@shared/schemas/payable';
import type { PayableKind } from '@shared/payment';
import { RecoveryPage, type RecoveriesQuery } from '@shared/schemas/recovery-list';
import { call, withQuery } from './client';

export type {
  CorrectAccountBody,
  PayableCommandView,
  PayableItemPage,
  PayableItemView,
  PayablesQuery,
  RecoveryView,
} from '@shared/schemas/payable';
export type { PayableKind } from '@shared/payment';
export type { RecoveriesQuery, RecoveryPage } from '@shared/schemas/recovery-list';

/** The operator commands that take only a reason. */
export type PayableCommand = 'hold' | 'release' | 'cancel';

const itemPath = (kind: PayableKind, id: string) =>
  `/v1/admin/payables/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;

/** GET /v1/admin/payables?kind=&status= — parked, held, due and failed items (accounts masked). */
export const listPayables = (query: PayablesQuery) =>
  call('GET', withQuery('/v1/admin/payables', query), PayableItemPage);

/** POST /v1/admin/payables/{kind}/{id}/hold|release|cancel {reason} */
export const operatePayable = (
  kind: PayableKind,
  id: string,
  command: PayableCommand,
  reason: string,
) => call('POST', `${itemPath(kind, id)}/${command}`, PayableCommandView, { reason });

/** POST /v1/admin/payables/{kind}/{id}/account — correct the receiving account and retry. */
export const correctPayableAccount = (kind: PayableKind, id: string, body: CorrectAccountBody) =>
  call('POST', `${itemPath(kind, id)}/account`, PayableCommandView, body);

/** POST /v1/admin/payables/{kind}/{id}/recovery — open a 追回 on a paid item. */
export const openRecovery = (kind: PayableKind, id: string, body: OpenRecoveryBody) =>
  call('POST', `${itemPath(kind, id)}/recovery`, RecoveryView, body);

/** GET /v1/admin/recoveries?policyId=&status= */
export const listRecoveries = (query: RecoveriesQuery) =>
  call('GET', withQuery('/v1/admin/recoveries', query), RecoveryPage);

/** POST /v1/admin/recoveries/{id}/recovered {note} — the money came back to the budget line. */
export const recordRecovered = (id: string, note: string) =>
  call('POST', `/v1/admin/recoveries/${encodeURIComponent(id)}/recovered`, RecoveryView, { note });

/** POST /v1/admin/recoveries/{id}/write-off {reason} — 核销. */
export const writeOffRecovery = (id: string, reason: string) =>
  call('POST', `/v1/admin/recoveries/${encodeURIComponent(id)}/write-off`, RecoveryView, {
    reason,
  });
