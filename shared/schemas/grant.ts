/** Bodies of /v1/grants (免申即享), shared by the functions and the mini-app. */
import { z } from 'zod';
import { GrantStatus } from '../vocabulary';
import { RatingView } from './rating';

export { GrantStatus };

export const ListQuery = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const GrantIdParams = z.object({
  id: z.string().regex(/^grt_[0-9A-Za-z_.~-]{1,200}$/, '不是有效的发放编号'),
});

/** The receiving account the subject confirms (收款账户). Digits only once spaces and hyphens are dropped. */
export const ConfirmGrantBody = z.object({
  accountName: z.string().trim().min(1).max(100),
  bankName: z.string().trim().min(1).max(100),
  accountNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, '收款账号应为8–30位数字')),
});
export type ConfirmGrantBody = z.infer<typeof ConfirmGrantBody>;

export const GrantView = z.object({
  id: z.string(),
  policyId: z.string(),
  policyTitle: z.string(),
  period: z.string(),
  amountFen: z.number().int(),
  status: GrantStatus,
  statusLabel: z.string(),
  /** `****1234`: the full number never leaves the server after confirmation. */
  accountMasked: z.string().optional(),
  bankName: z.string().optional(),
  detectedAt: z.string(),
  publicityEndsAt: z.string().optional(),
  paidAt: z.string().optional(),
  paymentFailure: z.string().optional(),
  /** 好差评: the applicant's rating once given (paid grants only) */
  rating: RatingView.optional(),
});
export type GrantView = z.infer<typeof GrantView>;

export const GrantPage = z.object({ items: z.array(GrantView), nextCursor: z.string().optional() });
export type GrantPage = z.infer<typeof GrantPage>;
