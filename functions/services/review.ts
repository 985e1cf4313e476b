/** The department's queue, decisions and batch approval. */
import type { ReviewerActor } from '../../shared/actor';
import { instantOf, localDateOf } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { ApplicationId } from '../../shared/ids';
import {
  APPLICATION_STATUS_LABELS,
  approvalLimitFen,
  approveAtStandard,
  awaitsLevelOf,
  decide,
  type Decision,
} from '../../shared/lifecycle/application';
import { fen } from '../../shared/money';
import { reviewSla, slaWorkingDaysLeft } from '../../shared/review';
import type {
  BatchApproveResult,
  DecisionBody,
  QueueItem,
  QueuePage,
  QueueQuery,
} from '../../shared/schemas/review';
import { logger } from '../_lib/logger';
import { reviewQueue } from '../repositories/applications';
import { catalogueIdOf, policyOf, policyRef } from './policy-ref';
import { transitionApplication } from './applications';
import { loadWorkingCalendar } from './calendar';
import { noGuard, type Guard } from './idempotency';
import { subjectViews } from './views';
import { policyCatalogue } from './catalogue';

export async function queueFor(
  actor: ReviewerActor,
  q: QueueQuery & { limit?: number },
  now: Date,
): Promise<QueuePage> {
  const page = await reviewQueue(actor.department, {
    statuses: q.status ? [q.status] : undefined,
    policyId: q.policyId ? policyRef(q.policyId) : undefined,
    cursor: q.cursor,
    limit: q.limit,
  });
  const today = localDateOf(instantOf(now));
  const [subjects, cal, catalogue] = await Promise.all([
    subjectViews(page.items.map((a) => a.subjectId)),
    loadWorkingCalendar(),
    policyCatalogue(),
  ]);
  const items = page.items.map((a): QueueItem => {
    const submittedAt = a.submittedAt ?? a.createdAt;
    const sla = reviewSla(submittedAt, today, cal);
    const applicant = subjects.get(a.subjectId);
    return {
      applicationId: a.id,
      policyId: catalogueIdOf(a.policyId),
      policyTitle: policyOf(catalogue, a).title,
      ...(applicant ? { applicant } : {}),
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABELS[a.status],
      requestedFen: a.requestedFen,
      recommendedFen: a.recommendedFen,
      capFen: a.terms.capFen,
      entitlementFen: approvalLimitFen(a),
      submittedAt,
      sla,
      slaWorkingDaysLeft: slaWorkingDaysLeft(sla),
      canDecide: awaitsLevelOf(a, actor),
      version: a.version,
    };
  });
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

function toDecision(body: DecisionBody): Decision {
  switch (body.kind) {
    case 'approve':
      return body.reason === undefined
        ? { kind: 'approve', amountFen: fen(body.amountFen) }
        : { kind: 'approve', amountFen: fen(body.amountFen), reason: body.reason };
    case 'reject':
      return { kind: 'reject', reason: body.reason };
    case 'return':
      return { kind: 'return', note: body.note };
  }
}

export function decideApplication(
  actor: ReviewerActor,
  id: ApplicationId,
  body: DecisionBody,
  guard: Guard,
  now: Date,
) {
  return transitionApplication(actor, id, { guard, now }, (app) =>
    decide(app, toDecision(body), actor, instantOf(now)),
  );
}

/**
 * Approves each id at its standard amount (`standardApprovalFen`): level 1's
 * recommendation at level 2, else the amount applied for — which defaults to, and never
 * exceeds, the entitlement the rules computed at submission; never the bare cap. Each in
 * its own transaction, so one refusal does not undo the others (partial success).
 */
export async function batchApprove(
  actor: ReviewerActor,
  ids: readonly ApplicationId[],
  now: Date,
): Promise<BatchApproveResult> {
  const results: BatchApproveResult['results'] = [];
  for (const id of ids) {
    let amountFen = fen(0);
    try {
      const view = await transitionApplication(actor, id, { guard: noGuard, now }, (app) => {
        const approved = approveAtStandard(app, actor, instantOf(now));
        amountFen = approved.amountFen;
        return approved.transition;
      });
      const status = view.status;
      results.push({ id, ok: true, status, amountFen });
    } catch (e) {
      if (e instanceof DomainError) {
        results.push({ id, ok: false, error: { code: e.code, message: e.message } });
      } else {
        logger.error('batch approve item failed', {
          id,
          error: e instanceof Error ? e.message : String(e),
        });
        results.push({
          id,
          ok: false,
          error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' },
        });
      }
    }
  }
  const approved = results.filter((r) => r.ok).length;
  return { results, approved, failed: results.length - approved };
}
