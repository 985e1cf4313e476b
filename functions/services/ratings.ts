/**
 * 好差评 (issue #17): load the item → one pure `rate` → write once with the policy's tally.
 * Another subject's item answers 404 (ids cannot be probed). A repeated tap with the same
 * stars and comment by the same user gets the stored rating back (the write is its own
 * idempotency: one rating per item); anything else on a rated item is DUPLICATE ALREADY_RATED.
 */
import type { ApplicantActor } from '../../shared/actor';
import { instantOf } from '../../shared/calendar';
import { DomainError, notFound } from '../../shared/errors';
import type { ApplicationId, GrantId } from '../../shared/ids';
import {
  rate,
  STAR_LABELS,
  summariseRatings,
  type RateableItem,
  type Rating,
} from '../../shared/rating';
import type { RatingBody, RatingStats, RatingView } from '../../shared/schemas/rating';
import { APPLICATION_STATUS_LABELS, GRANT_STATUS_LABELS } from '../../shared/vocabulary/status';
import type { PolicyCatalogue } from '../../shared/policies';
import { catalogueIdOf } from '../../shared/auto-grant';
import { findApplication } from '../repositories/applications';
import { findGrantRecord } from '../repositories/grants';
import { findRating, ratingTallies, saveRating } from '../repositories/ratings';

export function toRatingView(r: Rating): RatingView {
  return {
    kind: r.kind,
    itemId: r.itemId,
    stars: r.stars,
    starsLabel: STAR_LABELS[r.stars] ?? '',
    ...(r.comment ? { comment: r.comment } : {}),
    at: r.at,
  };
}

async function rateableItem(actor: ApplicantActor, body: RatingBody): Promise<RateableItem> {
  if (body.kind === 'application') {
    const app = await findApplication(body.id as ApplicationId);
    if (!app || app.subjectId !== actor.subjectId) throw notFound('办件');
    return {
      kind: 'application',
      id: app.id,
      subjectId: app.subjectId,
      policyId: app.policyId,
      department: app.department,
      status: app.status,
      statusLabel: APPLICATION_STATUS_LABELS[app.status],
    };
  }
  const g = (await findGrantRecord(body.id as GrantId))?.grant;
  if (!g || g.subjectId !== actor.subjectId) throw notFound('办件');
  return {
    kind: 'grant',
    id: g.id,
    subjectId: g.subjectId,
    policyId: g.policyId,
    department: g.department,
    status: g.status,
    statusLabel: GRANT_STATUS_LABELS[g.status],
  };
}

/** POST /v1/ratings: the rating; the same user repeating the same rating gets the stored one back. */
export async function rateService(
  actor: ApplicantActor,
  body: RatingBody,
  now: Date,
): Promise<RatingView> {
  const item = await rateableItem(actor, body);
  const rating = rate(item, { stars: body.stars, comment: body.comment }, actor, instantOf(now));
  try {
    await saveRating(rating);
    return toRatingView(rating);
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'DUPLICATE')) throw e;
    const stored = await findRating(rating.kind, rating.itemId);
    if (
      stored &&
      stored.by === rating.by &&
      stored.stars === rating.stars &&
      (stored.comment ?? '') === (rating.comment ?? '')
    )
      return toRatingView(stored);
    throw e;
  }
}

/** The dashboard block: per policy (with its title) and per department. */
export async function ratingStats(catalogue: PolicyCatalogue): Promise<RatingStats> {
  const s = summariseRatings(await ratingTallies());
  const titles = new Map(catalogue.entries().map((e) => [e.document.id, e.document.title]));
  return {
    byPolicy: s.byPolicy.map((p) => ({
      ...p,
      policyId: catalogueIdOf(p.policyId),
      title: titles.get(catalogueIdOf(p.policyId)) ?? catalogueIdOf(p.policyId),
    })),
    byDepartment: s.byDepartment,
  };
}
