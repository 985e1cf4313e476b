/**
 * GET /v1/admin/recoveries?policyId=&status=&cursor= — the 追回 of one policy by status, for the
 * admin page that records them as recovered or writes them off (issue #10).
 */
import { z } from 'zod';
import { RECOVERY_VIEW_STATUSES, RecoveryView } from './payable';

export const RecoveriesQuery = z
  .object({
    policyId: z.string().trim().min(1).max(100),
    status: z.enum(RECOVERY_VIEW_STATUSES),
    cursor: z.string().max(2000).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
export type RecoveriesQuery = z.input<typeof RecoveriesQuery>;

export const RecoveryPage = z.object({
  items: z.array(RecoveryView),
  nextCursor: z.string().optional(),
});
export type RecoveryPage = z.infer<typeof RecoveryPage>;
