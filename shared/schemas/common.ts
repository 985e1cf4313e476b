/**
 * Pieces every API schema shares (DESIGN §8): money as integer fen, the error envelope,
 * cursor pages, ids as they appear in URLs and bodies.
 */
import { z } from 'zod';
import { idSchema } from '../ids';
import { ApplicationStatus } from '../vocabulary';
import type { Fen as FenType } from '../money';

/** Integer fen, never negative, never beyond a safe integer (STYLE §6). */
export const Fen = z
  .number()
  .int('金额必须是整数（分）')
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => n as FenType);
export type Fen = FenType;

export { ApplicationStatus };

export const ApplicationId = idSchema('application');
export const UserId = idSchema('user');

/** A catalogue policy id as used in URLs (`startup-grant`). */
export const PolicyKey = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, '政策编号无效');

export const Cursor = z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9_-]*$/, '分页游标无效');
export const Limit = z.coerce.number().int().min(1).max(100);

export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Local date `YYYY-MM-DD` and UTC instant, as strings on the wire. */
export const OnDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const AtInstant = z.string();
