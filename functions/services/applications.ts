/**
 * Application orchestration: load → pure transition (shared/lifecycle) → save, with the
 * outbox notice and the idempotency record in the same transaction.
 */
import type { Actor, ApplicantActor } from '../../shared/actor';
import { instantOf, localDateOf } from '../../shared/calendar';
import { DomainError, forbidden, notFound } from '../../shared/errors';
import type { ApplicationId, SubjectId } from '../../shared/ids';
import {
  provideAccount,
  supplement,
  withdraw,
  type Application,
  type ApplicationEvent,
  type MaterialRef as DomainMaterialRef,
} from '../../shared/lifecycle/application';
import { admitApplication } from '../../shared/lifecycle/admission';
import { applicationVisibility } from '../../shared/lifecycle/application-access';
import { noticeFor } from '../../shared/lifecycle/application-notices';
import { recoveryIdFor } from '../../shared/lifecycle/recovery';
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
import { factsOf } from '../repositories/facts';
import { objectionsOf } from '../repositories/objections';
import { findRecovery } from '../repositories/recoveries';
import { payeeOnFile, payeeOnFileItem } from '../repositories/grants';
import { outboxItem } from '../repositories/outbox';
import { getSubject } from '../repositories/subjects';
import type { Guard } from './idempotency';
import { policyOf, policyRef } from './policy-ref';
import { policyCatalogue } from './catalogue';
import { applicationsOfSubject } from './policies';
import { uploadKeyOf } from './uploads';
import { applicationDetail, applicationSummary, explanationView, subjectViews } from './views';

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

/** The uploads as the application stores them; which materials the policy takes is checked in shared/lifecycle. */
const toDomainMaterials = (
  subjectId: SubjectId,
  refs: readonly MaterialRef[],
): DomainMaterialRef[] =>
  refs.map((r) => ({
    code: r.materialId,
    uploadKey: uploadKeyOf(subjectId, r.materialId, r.uploadId),
  }));

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

/** The detail after a transition; `objections` when the caller already has them as they will be saved. */
export async function detailAfter(
  t: Transition<Application, ApplicationEvent>,
  previous: readonly ApplicationEvent[],
  viewer: Actor,
  objections?: readonly Objection[],
): Promise<ApplicationDetail> {
  const [views, listed, catalogue] = await Promise.all([
    subjectViews([t.next.subjectId]),
    objections ?? objectionsOf(t.next),
    policyCatalogue(),
  ]);
  return applicationDetail(
    catalogue,
    t.next,
    [...previous, ...t.events],
    viewer,
    views.get(t.next.subjectId),
    listed,
  );
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
  const [subject, facts, existing, onFile] = await Promise.all([
    getSubject(actor.subjectId),
    factsOf(actor.subjectId),
    applicationsOfSubject(actor.subjectId),
    body.account.source === 'profile' ? payeeOnFile(actor.subjectId) : undefined,
  ]);
  const at = instantOf(now);
  const { transition: t, claimPeriod } = admitApplication(
    {
      id: newId('application'),
      policy,
      subjectKind: subject.kind,
      facts,
      asOf: localDateOf(at),
      params: catalogue.params,
      existing,
      materials: toDomainMaterials(actor.subjectId, body.materials),
      ...(body.requestedFen === undefined ? {} : { requestedFen: fen(body.requestedFen) }),
      account: { choice: body.account, subject, onFile },
    },
    actor,
    at,
  );
  const view = await detailAfter(t, [], actor);
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

export function supplementApplication(
  actor: ApplicantActor,
  id: ApplicationId,
  body: { materials: MaterialRef[] },
  guard: Guard,
  now: Date,
) {
  return transitionApplication(actor, id, { guard, now }, (app) =>
    supplement(
      app,
      { materials: toDomainMaterials(actor.subjectId, body.materials) },
      actor,
      instantOf(now),
    ),
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
  const [subject, onFile] = await Promise.all([
    getSubject(actor.subjectId),
    body.source === 'profile' ? payeeOnFile(actor.subjectId) : undefined,
  ]);
  const at = instantOf(now);
  const also = (next: Application) => onFileItems(next, body.source, at);
  // the step runs after the visibility check: a stranger learns nothing from the account's refusal
  return transitionApplication(actor, id, { guard, now, also }, (app) =>
    provideAccount(app, { choice: body, subject, onFile }, actor, at),
  );
}

/**
 * The detail, with the rule explanation re-evaluated on the facts as of the submission date
 * (the version the application records), so a reviewer sees why the rules said yes.
 */
export async function applicationDetailFor(actor: Person, id: ApplicationId) {
  const { application, events } = await loadApplication(id);
  requireVisible(actor, application);
  const [views, facts, objections, recovery, catalogue] = await Promise.all([
    subjectViews([application.subjectId]),
    factsOf(application.subjectId),
    objectionsOf(application),
    // only a paid application can have a 追回 (one per item, keyed by it)
    application.status === 'paid'
      ? findRecovery(recoveryIdFor('application', application.id))
      : undefined,
    policyCatalogue(),
  ]);
  const submittedOn = localDateOf(
    instantOf(new Date(application.submittedAt ?? application.createdAt)),
  );
  const explanation = explanationView(
    catalogue.evaluate(policyOf(catalogue, application), facts, submittedOn),
  );
  return {
    ...applicationDetail(
      catalogue,
      application,
      events,
      actor,
      views.get(application.subjectId),
      objections,
      recovery,
    ),
    explanation,
  };
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
