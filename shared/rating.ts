/**
 * 好差评 (issue #17; the national 政务服务“好差评” scheme): once an item is paid or refused,
 * the applicant rates the service 1–5 with an optional comment, once per item. Admins see the
 * count and average per policy and per department.
 *
 * Pure: `rate` checks who, when and what and returns the record; storage writes it once
 * (attribute_not_exists) together with the policy's tally (functions/repositories/ratings.ts).
 */
import type { Actor } from './actor';
import type { Instant } from './calendar';
import { DomainError, invalidInput } from './errors';
import type { PolicyId, SubjectId, UserId } from './ids';
import { requireOwner } from './lifecycle/guards';
import { DEPARTMENT_LABELS, type DepartmentCode } from './vocabulary/department';

/** What can be rated: an application (依申请) or a 免申即享 grant. */
export const RATED_KINDS = ['application', 'grant'] as const;
export type RatedKind = (typeof RATED_KINDS)[number];

/** Where the service is over: paid, or (an application) refused. */
export const RATEABLE_STATUSES: Readonly<Record<RatedKind, readonly string[]>> = {
  application: ['paid', 'rejected'],
  grant: ['paid'],
};

export const MIN_STARS = 1;
export const MAX_STARS = 5;
export const MAX_RATING_COMMENT = 300;

/** 非常不满意 … 非常满意: the label read with each star count. */
export const STAR_LABELS: Readonly<Record<number, string>> = {
  1: '非常不满意',
  2: '不满意',
  3: '基本满意',
  4: '满意',
  5: '非常满意',
};

export type RateableItem = {
  readonly kind: RatedKind;
  readonly id: string;
  readonly subjectId: SubjectId;
  readonly policyId: PolicyId;
  readonly department: DepartmentCode;
  readonly status: string;
  /** the status as people read it, for the refusal */
  readonly statusLabel: string;
};

export type Rating = {
  readonly kind: RatedKind;
  readonly itemId: string;
  readonly policyId: PolicyId;
  readonly department: DepartmentCode;
  readonly subjectId: SubjectId;
  readonly stars: number;
  readonly comment?: string;
  readonly by: UserId;
  readonly at: Instant;
};

export type RateCommand = { readonly stars: number; readonly comment?: string };

/** The owner rates a finished item. Throws FORBIDDEN, WRONG_STATE (NOT_RATEABLE_YET) or INVALID_INPUT. */
export function rate(item: RateableItem, cmd: RateCommand, by: Actor, now: Instant): Rating {
  requireOwner(by, item.subjectId);
  if (!RATEABLE_STATUSES[item.kind].includes(item.status))
    throw new DomainError(
      'WRONG_STATE',
      `办件办结（已到账或未通过）后才能评价，当前状态：${item.statusLabel}`,
      { reason: 'NOT_RATEABLE_YET', state: item.status },
    );
  if (!Number.isInteger(cmd.stars) || cmd.stars < MIN_STARS || cmd.stars > MAX_STARS)
    throw invalidInput('请选择1到5星', { reason: 'BAD_STARS' });
  const comment = (cmd.comment ?? '').trim();
  if (comment.length > MAX_RATING_COMMENT)
    throw invalidInput(`评价内容不能超过${MAX_RATING_COMMENT}字`, { reason: 'COMMENT_TOO_LONG' });
  return {
    kind: item.kind,
    itemId: item.id,
    policyId: item.policyId,
    department: item.department,
    subjectId: item.subjectId,
    stars: cmd.stars,
    ...(comment ? { comment } : {}),
    by: by.userId,
    at: now,
  };
}

/** A second rating of the same item (the storage's condition failed). */
export const alreadyRated = () =>
  new DomainError('DUPLICATE', '该办件已评价，每件只能评价一次', { reason: 'ALREADY_RATED' });

/** One policy's tally as stored: how many ratings and their stars added up. */
export type RatingTally = {
  readonly policyId: string;
  readonly department: DepartmentCode;
  readonly count: number;
  readonly starsTotal: number;
};

export type RatingSummary = {
  readonly count: number;
  /** mean stars, one decimal (4.5); 0 with no rating */
  readonly average: number;
};

const summary = (count: number, starsTotal: number): RatingSummary => ({
  count,
  average: count === 0 ? 0 : Math.round((starsTotal * 10) / count) / 10,
});

/** Per policy and per department (departments with no rating left out), largest count first. */
export function summariseRatings(tallies: readonly RatingTally[]): {
  byPolicy: (RatingSummary & { policyId: string })[];
  byDepartment: (RatingSummary & { department: DepartmentCode; departmentLabel: string })[];
} {
  const departments = new Map<DepartmentCode, { count: number; starsTotal: number }>();
  for (const t of tallies) {
    const d = departments.get(t.department) ?? { count: 0, starsTotal: 0 };
    departments.set(t.department, {
      count: d.count + t.count,
      starsTotal: d.starsTotal + t.starsTotal,
    });
  }
  return {
    byPolicy: tallies
      .filter((t) => t.count > 0)
      .map((t) => ({ policyId: t.policyId, ...summary(t.count, t.starsTotal) }))
      .sort((a, b) => b.count - a.count || a.policyId.localeCompare(b.policyId)),
    byDepartment: [...departments]
      .filter(([, d]) => d.count > 0)
      .map(([department, d]) => ({
        department,
        departmentLabel: DEPARTMENT_LABELS[department],
        ...summary(d.count, d.starsTotal),
      }))
      .sort((a, b) => b.count - a.count || a.department.localeCompare(b.department)),
  };
}
