/** The treasury gateway's callback to POST /v1/treasury/callback: its answer about one order (functions only). */
import { z } from 'zod';

export const TreasuryCallbackBody = z
  .object({
    /** the order's idempotency key, `<item id>:<attempt>` (paymentIdempotencyKey) */
    idempotencyKey: z.string().min(3).max(300),
    status: z.enum(['processing', 'paid', 'returned', 'failed']),
    reason: z.string().trim().min(1).max(200).optional(),
    treasuryRef: z.string().min(1).max(64).optional(),
  })
  .strict();
export type TreasuryCallbackBody = z.infer<typeof TreasuryCallbackBody>;
