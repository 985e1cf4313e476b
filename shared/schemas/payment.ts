/** Bodies of /v1/payments, shared by the functions and the mini-app. */
import { z } from 'zod';
import { PayableKind, PaymentStatus } from '../vocabulary';

export { PaymentStatus };

export const PaymentsQuery = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  /** admin only: one status */
  status: PaymentStatus.optional(),
});
export type PaymentsQuery = z.infer<typeof PaymentsQuery>;

export const PaymentView = z.object({
  id: z.string(),
  itemId: z.string(),
  itemKind: PayableKind,
  attempt: z.number().int(),
  policyId: z.string(),
  policyTitle: z.string(),
  amountFen: z.number().int(),
  status: PaymentStatus,
  statusLabel: z.string(),
  accountMasked: z.string(),
  createdAt: z.string(),
  settledAt: z.string().optional(),
  reason: z.string().optional(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const PaymentPage = z.object({
  items: z.array(PaymentView),
  nextCursor: z.string().optional(),
});
export type PaymentPage = z.infer<typeof PaymentPage>;
