/** 好差评 (issue #17): POST /v1/ratings and the rating as views show it. */
import { z } from 'zod';
import { MAX_RATING_COMMENT, MAX_STARS, MIN_STARS, RATED_KINDS } from '../rating';

export const RatingBody = z
  .object({
    /** an application (依申请) or a 免申即享 grant */
    kind: z.enum(RATED_KINDS),
    id: z.string().regex(/^(app|grt)_[0-9A-Za-z_.~-]{1,100}$/, '不是有效的办件编号'),
    stars: z
      .number()
      .int('请选择1到5星')
      .min(MIN_STARS, '请选择1到5星')
      .max(MAX_STARS, '请选择1到5星'),
    comment: z
      .string()
      .trim()
      .max(MAX_RATING_COMMENT, `评价内容不能超过${MAX_RATING_COMMENT}字`)
      .optional(),
  })
  .strict();
export type RatingBody = z.input<typeof RatingBody>;

export const RatingView = z.object({
  kind: z.enum(RATED_KINDS),
  itemId: z.string(),
  stars: z.number().int(),
  /** 非常不满意 … 非常满意 */
  starsLabel: z.string(),
  comment: z.string().optional(),
  at: z.string(),
});
export type RatingView = z.infer<typeof RatingView>;

/** The dashboard's 好差评 block: per policy and per department. */
export const RatingStats = z.object({
  byPolicy: z.array(
    z.object({
      policyId: z.string(),
      title: z.string(),
      count: z.number().int(),
      average: z.number(),
    }),
  ),
  byDepartment: z.array(
    z.object({
      department: z.string(),
      departmentLabel: z.string(),
      count: z.number().int(),
      average: z.number(),
    }),
  ),
});
export type RatingStats = z.infer<typeof RatingStats>;
