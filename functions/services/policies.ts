/** The public catalogue and an applicant's matches (rules evaluated on the subject's facts). */
import { localDateOf, instantOf } from '../../shared/calendar';
import type { ApplicantActor } from '../../shared/actor';
import { notFound } from '../../shared/errors';
import type { PolicyVersion } from '../../shared/policies';
import type { Evaluation } from '../../shared/rules';
import type { Application } from '../../shared/lifecycle/application';
import type {
  Match,
  MatchesResponse,
  PolicyDetail,
  PolicyList,
  SubscriptionView,
} from '../../shared/schemas/policy';
import { DEPARTMENT_LABELS } from '../../shared/actor';
import { factsOf } from '../repositories/facts';
import { getSubject } from '../repositories/subjects';
import { listApplicationsBySubject } from '../repositories/applications';
import { findClaim } from '../repositories/claims';
import { claimPeriodOf } from '../../shared/entitlement';
import { catalogueIdOf, policyRef } from './policy-ref';
import { policyCatalogue } from './catalogue';
import { explanationView, policyDetail, policySummary } from './views';
import { canApply, isAppliable } from '../../shared/lifecycle/admission';
import { nearMissOf } from '../../shared/rules/near-miss';
import { findSubscription, NEW_POLICY_TOPIC, putSubscription } from '../repositories/subscriptions';

/** Every live policy, each in its version in force today (else its latest published one). */
export async function publishedPolicies(now: Date): Promise<PolicyList> {
  const catalogue = await policyCatalogue();
  return { items: catalogue.list(localDateOf(instantOf(now))).map(policySummary) };
}

export async function policy(id: string, now: Date): Promise<PolicyDetail> {
  const catalogue = await policyCatalogue();
  const today = localDateOf(instantOf(now));
  const p = catalogue.inForce(id, today) ?? catalogue.find(id);
  if (!p) throw notFound('政策');
  return policyDetail(p, catalogue, today);
}

/** Every application of the subject (a subject has a handful; pages of 100). */
export async function applicationsOfSubject(
  subjectId: ApplicantActor['subjectId'],
): Promise<Application[]> {
  const all: Application[] = [];
  let cursor: string | undefined;
  do {
    const page = await listApplicationsBySubject(subjectId, cursor, 100);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * Each policy for the subject's kind, evaluated on its facts as of today: matched ones
 * first (by amount), then undecided, then the rest with their reasons.
 */
export async function matches(actor: ApplicantActor, now: Date): Promise<MatchesResponse> {
  const [subject, facts, apps, catalogue, subscription] = await Promise.all([
    getSubject(actor.subjectId),
    factsOf(actor.subjectId),
    applicationsOfSubject(actor.subjectId),
    policyCatalogue(),
    findSubscription(actor.subjectId),
  ]);
  const asOf = localDateOf(instantOf(now));
  const live = catalogue.list(asOf);
  const appliable = live.filter((p) => p.subjectKind === subject.kind && isAppliable(p));
  // A benefit already held (a 免申即享 grant, an open or paid application) cannot be applied for again.
  const held = new Set(
    (
      await Promise.all(
        appliable.map(async (p) =>
          (await findClaim({
            policyId: policyRef(p.id),
            subjectId: actor.subjectId,
            period: claimPeriodOf(p.benefitPeriod, asOf),
          }))
            ? p.id
            : undefined,
        ),
      )
    ).filter((id): id is string => id !== undefined),
  );
  const latest = new Map<string, Application>();
  for (const a of apps) {
    const id = catalogueIdOf(a.policyId);
    const seen = latest.get(id);
    if (!seen || seen.createdAt < a.createdAt) latest.set(id, a);
  }
  const items = live
    .filter((p) => p.subjectKind === subject.kind)
    .map((p) => {
      const e = catalogue.evaluate(p, facts, asOf);
      const match = matchOf(p, e, latest.get(p.id), held.has(p.id));
      const nearMiss = nearMissOf(p, e, facts, catalogue.params);
      return nearMiss ? { ...match, nearMiss } : match;
    });
  const rank = { eligible: 0, incomplete: 1, ineligible: 2 } as const;
  // the nearest misses first: fewest failing conditions
  const failing = (m: Match) => m.nearMiss?.failing.length ?? 0;
  items.sort(
    (a, b) =>
      rank[a.verdict] - rank[b.verdict] ||
      failing(a) - failing(b) ||
      b.estimatedFen - a.estimatedFen,
  );
  return { asOf, items, subscribed: subscription !== undefined };
}

function matchOf(
  p: PolicyVersion,
  e: Evaluation,
  existing: Application | undefined,
  claimed: boolean,
): Match {
  return {
    policyId: p.id,
    title: p.title,
    department: p.department,
    departmentName: DEPARTMENT_LABELS[p.department],
    kind: p.kind,
    mode: p.mode,
    verdict: e.verdict,
    eligible: e.eligible,
    estimatedFen: e.amountFen,
    canApply: canApply(p, e.eligible, claimed, existing),
    explanation: explanationView(e),
    office: p.office,
    phone: p.phone,
    ...(existing
      ? {
          existing: {
            applicationId: existing.id,
            status: existing.status,
            createdAt: existing.createdAt,
          },
        }
      : {}),
  };
}

/** POST /v1/me/subscriptions: "有新政策时提醒我"; a second call changes nothing. */
export async function subscribe(actor: ApplicantActor, now: Date): Promise<SubscriptionView> {
  await putSubscription({
    subjectId: actor.subjectId,
    topic: NEW_POLICY_TOPIC,
    by: actor.userId,
    at: instantOf(now),
  });
  return { topic: NEW_POLICY_TOPIC, subscribed: true };
}
