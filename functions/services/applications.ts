/**
 * Application orchestration: load → pure transition (shared/lifecycle) → save, with the
 * outbox notice and the idempotency record in the same transaction.
 */
import type { Actor, ApplicantActor } from '../../shared/actor';
import { instantOf, localDateOf } from '../../shared/calendar';
import { DomainError, forbidden, notFound } from '../../shared/errors';
import type { ApplicationId } from '../../shared/ids';
import {
  provideAccount,
  supplement,
  withdraw,
  type Application,
  type ApplicationEvent,
} from '../../shared/lifecycle/application';
import { admitApplication } from '../../shared/lifecycle/admission';
import { applicationVisibility } from '../../shared/lifecycle/application-access';
import { noticeFor } from '../../shared/lifecycle/application-notices';
import { recoveryIdFor } from '../../shared/lifecycle/recovery';
import { accountLocked } from '../../shared/lifecycle/payable';
import type { Objection, Transition } from '../../shared/lifecycle/common';
import { fen } from '../../shared/money';
import type {
  AccountBody,
  ApplicationListQuery,
  MaterialRef,
  SubmitApplicationBody,
} from '../../shared/schemas/application';
import type { ApplicationDetail, ApplicationList } from '../../shared/schemas/application';
import { businessMetrics } from '../_lib/metrics';
import { newId } from '../_lib/new-id';
import {
  listApplicationsByPolicies,
  listApplicationsBySubject,
  loadApplication,
  saveApplication,
  type WithItems,
} from '../repositories/applications';
import { claimItem } from '../repositories/claims';
import { ensureFactVersions, factsOf, factsWithVersionsOf } from '../repositories/facts';
import { freezeFacts, thawFacts } from './frozen-facts';
import { findRating } from '../repositories/ratings';
import { RATEABLE_STATUSES } from '../../shared/rating';
import { toRatingView } from './ratings';
import { loadWorkingCalendar } from './calendar';
import { findStaff } from '../repositories/staff';
import { DEPARTMENT_LABELS } from '../../shared/vocabulary/department';
import { now as clockNow } from '../_lib/clock';
import { progressSteps } from '../../shared/progress';
import { reviewSla } from '../../shared/review';
import { membershipOf, notInBatch } from '../repositories/payment-batches';
import { objectionsOf } from '../repositories/objections';
import { findRecovery } from '../repositories/recoveries';
import { payeeOnFile, payeeOnFileItem } from '../repositories/grants';
import { outboxItem } from '../repositories/outbox';
import { getSubject } from '../repositories/subjects';
import type { Subject } from '../../shared/subject';
import type { Guard } from './idempotency';
import { policyOf, policyRef } from './policy-ref';
import { policyCatalogue } from './catalogue';
import { applicationsOfSubject } from './policies';
import { materialNamesOf, verifiedMaterials } from './materials';
import {
  applicationDetail,
  applicationSummary,
  explanationView,
  frozenFactsView,
  subjectView,
  subjectViews,
} from './views';

/** Statuses in which an application waits for a review (its SLA runs). */
const REVIEWING: readonly string[] = ['submitted', 'review_l1', 'review_l2'];

type Person = Exclude<Actor, { kind: 'system' }>;

/** Applicant of another subject → 404 (existence not revealed); reviewer of another department → 403. */
export function requireVisible(
  actor: Actor,
  app: Application,
  purpose: 'read' | 'object' = 'read',
): void {
  switch (applicationVisibility(actor, app, purpose)) {
    case 'visible':
      return;
    case 'hidden':
      throw notFound('申请');
    case 'forbidden':
      throw forbidden('不属于本部门的申请', { reason: 'NOT_YOUR_DEPARTMENT' });
  }
}

/** Outbox record for the transitions the applicant is told about (same transaction). */
export function noticeItems(
  next: Application,
  events: readonly ApplicationEvent[],
  now: Date,
): NonNullable<WithItems> {
  const notice = noticeFor(events);
  if (!notice) return [];
  return [
    outboxItem({
      subjectId: next.subjectId,
      aggregate: { kind: 'application', id: next.id, version: next.version },
      notice,
      createdAt: instantOf(now),
    }),
  ];
}

/**
 * The detail after a transition. What the caller already holds is not read again:
 * `objections` as they will be saved, the application's `subject`.
 */
export async function detailAfter(
  t: Transition<Application, ApplicationEvent>,
  previous: readonly ApplicationEvent[],
  viewer: Actor,
  known: { objections?: readonly Objection[]; subject?: Subject } = {},
): Promise<ApplicationDetail> {
  const [views, listed, catalogue] = await Promise.all([
    known.subject?.id === t.next.subjectId
      ? new Map([[known.subject.id, subjectView(known.subject)]])
      : subjectViews([t.next.subjectId]),
    known.objections ?? objectionsOf(t.next),
    policyCatalogue(),
  ]);
  const events = [...previous, ...t.events];
  const detail = applicationDetail(
    catalogue,
    t.next,
    events,
    viewer,
    views.get(t.next.subjectId),
    listed,
  );
  // the reply to a reviewer's decision names the reviewer in the record, as GET does (issue #17:
  // the page showed 审核部门 after deciding, the name only after a reload)
  if (viewer.kind === 'system') return detail;
  return { ...detail, timeline: await withStaffNames(viewer, events, detail.timeline) };
}

/**
 * POST /v1/applications: eligibility by the rule engine on the server's facts (NOT_ELIGIBLE
 * with the explanation), then draft + submit in one save; missing 容缺 materials put it in
 * pending_supplement with a deadline.
 *
 * One benefit, one claim: the save takes the entitlement claim of (policy, subject, benefit
 * period) in the same transaction (repositories/claims.ts), so a second application, or one
 * for a benefit a 免申即享 grant or a paid application already holds, is 409 ALREADY_CLAIMED
 * however the requests race. The open-application look-up before it only gives the friendlier
 * message (OPEN_APPLICATION) when the index has already caught up.
 *
 * The rules' amount on today's facts is frozen on the application as its entitlement
 * (min(amount, cap)); asking for more is 422 OVER_CAP, reason OVER_ENTITLEMENT.
 */
export async function createApplication(
  actor: ApplicantActor,
  body: SubmitApplicationBody & { requestedFen?: number },
  guard: Guard,
  now: Date,
): Promise<ApplicationDetail> {
  const catalogue = await policyCatalogue();
  const today = localDateOf(instantOf(now));
  // the version in force today; a policy whose every version is retired takes no new applications
  const policy = catalogue.inForce(body.policyId, today) ?? catalogue.find(body.policyId);
  if (!policy) {
    if (catalogue.entries().some((e) => e.document.id === body.policyId)) {
      throw new DomainError('WRONG_STATE', '该政策已停止受理新的申请', {
        reason: 'POLICY_RETIRED',
      });
    }
    throw notFound('政策');
  }
  const [subject, { facts, versioned }, existing, onFile, materials] = await Promise.all([
    getSubject(actor.subjectId),
    factsWithVersionsOf(actor.subjectId),
    applicationsOfSubject(actor.subjectId),
    body.account.source === 'profile' ? payeeOnFile(actor.subjectId) : undefined,
    // every file checked in storage before anything is written (422 MATERIAL_*)
    verifiedMaterials(actor.subjectId, body.materials, materialNamesOf(policy.materials)),
  ]);
  const at = instantOf(now);
  // the facts the rules read today, frozen with the application (issue 14)
  const { frozen, used } = freezeFacts(facts, localDateOf(at), policy.version);
  const { transition: t, claimPeriod } = admitApplication(
    {
      id: newId('application'),
      policy,
      subjectKind: subject.kind,
      facts,
      asOf: localDateOf(at),
      params: catalogue.params,
      existing,
      materials,
      ...(body.requestedFen === undefined ? {} : { requestedFen: fen(body.requestedFen) }),
      account: { choice: body.account, subject, onFile },
      frozenFacts: frozen,
    },
    actor,
    at,
  );
  // facts written before versions were kept get theirs now (a put only where none is)
  await ensureFactVersions(
    used.filter((f) => !versioned(f)),
    { importId: 'before-history', recordedAt: at },
  );
  const view = await detailAfter(t, [], actor, { subject });
  const claim = claimItem(
    { policyId: t.next.policyId, subjectId: actor.subjectId, period: claimPeriod },
    { kind: 'application', id: t.next.id },
    at,
  );
  await saveApplication(t.next, t.events, 'new', [
    claim,
    ...noticeItems(t.next, t.events, now),
    ...onFileItems(t.next, body.account.source, at),
    ...guard(view),
  ]);
  businessMetrics.applicationSubmitted(t.next.requestedFen);
  return view;
}

/**
 * A new account, once validated, also becomes the subject's account on file (as a confirmed
 * grant account does), in the same transaction: the next application can choose
 * "use the registered account" and the next 免申即享 grant skips awaiting confirmation.
 */
function onFileItems(
  next: Application,
  source: AccountBody['source'],
  at: string,
): NonNullable<WithItems> {
  return source === 'new' && next.payee ? [payeeOnFileItem(next.subjectId, next.payee, at)] : [];
}

/** Load → visible? → pure step → save with notice and the idempotency record (`guard`). */
export async function transitionApplication(
  actor: Person,
  id: ApplicationId,
  o: {
    guard: Guard;
    now: Date;
    purpose?: 'read' | 'object';
    also?: (next: Application) => NonNullable<WithItems>;
  },
  step: (app: Application) => Transition<Application, ApplicationEvent>,
): Promise<ApplicationDetail> {
  const { application, events } = await loadApplication(id);
  requireVisible(actor, application, o.purpose);
  const t = step(application);
  const view = await detailAfter(t, events, actor);
  await saveApplication(t.next, t.events, application.version, [
    ...noticeItems(t.next, t.events, o.now),
    ...(o.also?.(t.next) ?? []),
    ...o.guard(view),
  ]);
  businessMetrics.decisionsIn(t.events);
  return view;
}

export async function supplementApplication(
  actor: ApplicantActor,
  id: ApplicationId,
  body: { materials: MaterialRef[] },
  guard: Guard,
  now: Date,
) {
  // the files are checked in storage first (a stranger learns nothing: 404 before the check)
  const { application } = await loadApplication(id);
  requireVisible(actor, application);
  const materials = await verifiedMaterials(
    actor.subjectId,
    body.materials,
    materialNamesOf(application.terms.materials),
  );
  return transitionApplication(actor, id, { guard, now }, (app) =>
    supplement(app, { materials }, actor, instantOf(now)),
  );
}

export function withdrawApplication(
  actor: ApplicantActor,
  id: ApplicationId,
  body: { reason?: string },
  guard: Guard,
  now: Date,
) {
  return transitionApplication(actor, id, { guard, now }, (app) =>
    withdraw(app, body, actor, instantOf(now)),
  );
}

/**
 * POST /v1/applications/{id}/account: the owner gives or corrects the receiving account
 * (another subject's application → 404). Validated by shared/payee against the subject's
 * registered name; a new account also becomes the account on file, in the same transaction.
 */
export async function provideApplicationAccount(
  actor: ApplicantActor,
  id: ApplicationId,
  body: AccountBody,
  guard: Guard,
  now: Date,
) {
  const [subject, onFile, membership] = await Promise.all([
    getSubject(actor.subjectId),
    body.source === 'profile' ? payeeOnFile(actor.subjectId) : undefined,
    membershipOf('application', id),
  ]);
  const at = instantOf(now);
  // until payment starts: a 支付批次 that took the item meanwhile makes the write fail too
  const also = (next: Application) => [
    ...onFileItems(next, body.source, at),
    notInBatch('application', id, () => accountLocked(next.status)),
  ];
  // the step runs after the visibility check: a stranger learns nothing from the account's refusal
  return transitionApplication(actor, id, { guard, now, also }, (app) =>
    provideAccount(
      app,
      { choice: body, subject, onFile, inBatch: membership !== undefined },
      actor,
      at,
    ),
  );
}

/**
 * The detail, with the rule explanation re-evaluated on the facts as of the submission date
 * (the version the application records), so a reviewer sees why the rules said yes.
 */
export async function applicationDetailFor(actor: Person, id: ApplicationId, now = clockNow()) {
  const { application, events } = await loadApplication(id);
  requireVisible(actor, application);
  const [views, judged, objections, recovery, catalogue, rating, cal] = await Promise.all([
    subjectViews([application.subjectId]),
    judgedFactsOf(application),
    objectionsOf(application),
    // only a paid application can have a 追回 (one per item, keyed by it)
    application.status === 'paid'
      ? findRecovery(recoveryIdFor('application', application.id))
      : undefined,
    policyCatalogue(),
    // 好差评: only a finished item can have been rated
    RATEABLE_STATUSES.application.includes(application.status)
      ? findRating('application', application.id)
      : undefined,
    loadWorkingCalendar(),
  ]);
  const explanation = explanationView(
    catalogue.evaluate(policyOf(catalogue, application), judged.facts, judged.asOf),
  );
  const detail = applicationDetail(
    catalogue,
    application,
    events,
    actor,
    views.get(application.subjectId),
    objections,
    recovery,
  );
  return {
    ...detail,
    timeline: await withStaffNames(actor, events, detail.timeline),
    explanation,
    ...(judged.view && (actor.kind !== 'applicant' || actor.subjectId === application.subjectId)
      ? { frozenFacts: judged.view }
      : {}),
    steps: progressSteps(
      {
        ...application,
        publicityDays: application.terms.publicityDays,
        paymentSlaWorkingDays: policyOf(catalogue, application).paymentSlaWorkingDays,
      },
      cal,
    ),
    // staff read the review SLA on the detail as in the queue (issue #17)
    ...(actor.kind !== 'applicant' && REVIEWING.includes(application.status)
      ? {
          reviewSla: reviewSla(
            application.submittedAt ?? application.createdAt,
            localDateOf(instantOf(now)),
            cal,
          ),
        }
      : {}),
    ...(rating ? { rating: toRatingView(rating) } : {}),
  };
}

/**
 * The facts an application was judged on: the frozen records (issue 14), or, for one
 * submitted before facts were frozen, the subject's facts as they are now, as of the day it
 * was submitted (the old behaviour, the best that can be done for it).
 */
async function judgedFactsOf(application: Application) {
  const frozen = application.frozenFacts;
  if (!frozen) {
    const submittedOn = localDateOf(
      instantOf(new Date(application.submittedAt ?? application.createdAt)),
    );
    return { facts: await factsOf(application.subjectId), asOf: submittedOn, view: undefined };
  }
  const thawed = await thawFacts(application.subjectId, frozen);
  return {
    facts: thawed.facts,
    asOf: frozen.asOf,
    view: frozenFactsView(frozen, thawed.versions, thawed.intact),
  };
}

/**
 * Staff read who decided, by name (issue #17: the record showed only the department);
 * applicants keep seeing the role only. One GetItem per distinct staff member in the record.
 */
async function withStaffNames(
  viewer: Person,
  events: readonly ApplicationEvent[],
  timeline: ApplicationDetail['timeline'],
): Promise<ApplicationDetail['timeline']> {
  if (viewer.kind === 'applicant') return timeline;
  const staffIds = [
    ...new Set(
      events.flatMap((e) =>
        e.by.kind === 'reviewer' || e.by.kind === 'admin' ? [e.by.userId] : [],
      ),
    ),
  ];
  const accounts = await Promise.all(staffIds.map((id) => findStaff(id)));
  const names = new Map(
    accounts.flatMap((a) => {
      if (!a) return [];
      const u = a.user;
      const dept = 'department' in u ? `${DEPARTMENT_LABELS[u.department]} ` : '';
      return [[u.id, `${dept}${u.name}`] as const];
    }),
  );
  return timeline.map((t, i) => {
    const by = events[i]?.by;
    const name = by && 'userId' in by ? names.get(by.userId) : undefined;
    return name ? { ...t, byName: name } : t;
  });
}

/** Applicant: own subject's, newest first. Reviewer: own department's (every policy it runs). */
export async function listApplicationsFor(
  actor: Person,
  q: ApplicationListQuery & { limit?: number },
): Promise<ApplicationList> {
  let page;
  if (actor.kind === 'applicant') {
    if (q.status !== undefined) {
      // A subject has few applications: filter one full list rather than add an index.
      const all = (await applicationsOfSubject(actor.subjectId)).filter(
        (a) => a.status === q.status,
      );
      all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      page = { items: all.slice(0, 100) };
    } else {
      page = await listApplicationsBySubject(actor.subjectId, q.cursor, q.limit);
    }
  } else if (actor.kind === 'reviewer') {
    // every policy of the department, retired ones too: their open items still finish
    const refs = [
      ...new Set(
        (await policyCatalogue())
          .entries()
          .filter((e) => e.document.department === actor.department)
          .map((e) => e.document.id),
      ),
    ].map((id) => policyRef(id));
    page = await listApplicationsByPolicies(refs, {
      status: q.status,
      cursor: q.cursor,
      limit: q.limit,
    });
  } else {
    throw forbidden('当前身份无权访问此功能');
  }
  const [subjects, catalogue] = await Promise.all([
    subjectViews(page.items.map((a) => a.subjectId)),
    policyCatalogue(),
  ]);
  return {
    items: page.items.map((a) => applicationSummary(catalogue, a, subjects.get(a.subjectId))),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
