/** /v1/admin/payables and /v1/admin/recoveries (issue #10), by their route contracts (shared/contracts/money). */
import type { CorrectAccountBody, OpenRecoveryBody, PayablesQuery } from '@shared/schemas/payable';
import type { PayableKind } from '@shared/payment';
import type { RecoveriesQuery } from '@shared/schemas/recovery-list';
import * as routes from '@shared/contracts/money';
import { call } from './client';

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

const COMMANDS = {
  hold: routes.holdPayable,
  release: routes.releasePayable,
  cancel: routes.cancelPayable,
} as const;

/** GET /v1/admin/payables?kind=&status= — parked, held, due and failed items (accounts masked). */
export const listPayables = (query: PayablesQuery) => call(routes.listPayables, { query });

/** POST /v1/admin/payables/{kind}/{id}/hold|release|cancel {reason} */
export const operatePayable = (
  kind: PayableKind,
  id: string,
  command: PayableCommand,
  reason: string,
) => call(COMMANDS[command], { params: { kind, id }, body: { reason } });

/** POST /v1/admin/payables/{kind}/{id}/account — correct the receiving account and retry. */
export const correctPayableAccount = (kind: PayableKind, id: string, body: CorrectAccountBody) =>
  call(routes.correctPayableAccount, { params: { kind, id }, body });

/** POST /v1/admin/payables/{kind}/{id}/recovery — open a 追回 on a paid item. */
export const openRecovery = (kind: PayableKind, id: string, body: OpenRecoveryBody) =>
  call(routes.openRecovery, { params: { kind, id }, body });

/** GET /v1/admin/recoveries?policyId=&status= */
export const listRecoveries = (query: RecoveriesQuery) => call(routes.listRecoveries, { query });

/** POST /v1/admin/recoveries/{id}/recovered {note} — the money came back to the budget line. */
export const recordRecovered = (id: string, note: string) =>
  call(routes.recordRecovery, { params: { id }, body: { note } });

/** POST /v1/admin/recoveries/{id}/write-off {reason} — 核销. */
export const writeOffRecovery = (id: string, reason: string) =>
  call(routes.writeOffRecovery, { params: { id }, body: { reason } });
