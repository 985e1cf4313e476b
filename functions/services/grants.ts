/**
 * Grants as the subject sees them (GET /v1/grants, POST /v1/grants/{id}/confirm).
 * The account number is taken in once, stored on the grant and as the subject's account on
 * file, and only ever shown or logged masked (`****1234`).
 */
import type { ApplicantActor } from '../../shared/actor';
import { catalogueIdOf } from '../../shared/auto-grant';
import { instantOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import type { GrantId } from '../../shared/ids';
import { confirmAccount, GRANT_STATUS_LABELS, type Grant } from '../../shared/lifecycle/grant';
import { maskBankAccount } from '../../shared/mask';
import type { PolicyCatalogue } from '../../shared/policies';
import { policyCatalogue } from './catalogue';
import type { ConfirmGrantBody, GrantPage, GrantView, ListQuery } from '../../shared/schemas/grant';
import {
  findGrantRecord,
  listGrantsBySubject,
  payeeOnFileItem,
  saveGrant,
} from '../repositories/grants';
import { getSubject } from '../repositories/subjects';
import { membershipOf, notInBatch } from '../repositories/payment-batches';
import { accountLocked } from '../../shared/lifecycle/payable';
import { validatePayee } from '../../shared/payee';
import { grantOutbox } from './grant-notices';
import type { Guard } from './idempotency';
import { withRetry } from './retry';
import { findRating } from '../repositories/ratings';
import { RATEABLE_STATUSES } from '../../shared/rating';
import { toRatingView } from './ratings';

export function toGrantView(catalogue: PolicyCatalogue, g: Grant): GrantView {
  return {
    id: g.id,
    policyId: catalogueIdOf(g.policyId),
    policyTitle:
      catalogue.find(catalogueIdOf(g.policyId), g.policyVersion)?.title ??
      catalogueIdOf(g.policyId),
    period: g.period,
    amountFen: g.amountFen,
    status: g.status,
    statusLabel: GRANT_STATUS_LABELS[g.status],
    accountMasked: g.payee ? maskBankAccount(g.payee.accountNumber) : undefined,
    bankName: g.payee?.bankName,
    detectedAt: g.detectedAt,
    publicityEndsAt: g.publicityEndsAt,
    paidAt: g.paidAt,
    paymentFailure: g.paymentFailure,
  };
}

export async function listMyGrants(actor: ApplicantActor, q: ListQuery): Promise<GrantPage> {
  const [page, catalogue] = await Promise.all([
    listGrantsBySubject(actor.subjectId, q.cursor, q.limit),
    policyCatalogue(),
  ]);
  // 好差评: a paid grant carries its rating once given (so the page shows it, not the form)
  const items = await Promise.all(
    page.items.map(async (g) => {
      const view = toGrantView(catalogue, g);
      if (!RATEABLE_STATUSES.grant.includes(g.status)) return view;
      const rating = await findRating('grant', g.id);
      return rating ? { ...view, rating: toRatingView(rating) } : view;
    }),
  );
  return {
    items,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/**
 * Confirms (or, after a 退票/failure, corrects) the receiving account. Another subject's
 * grant answers 404 so ids cannot be probed. A corrected account makes the 补发 due at once.
 */
export async function confirmGrant(
  actor: ApplicantActor,
  id: GrantId,
  body: ConfirmGrantBody,
  guard: Guard,
  at: Date,
): Promise<GrantView> {
  return withRetry(async () => {
    const now = instantOf(at);
    const r = await findGrantRecord(id);
    if (!r || r.grant.subjectId !== actor.subjectId) throw notFound('发放记录');
    // The account must carry the subject's registered name (and a card its check digit),
    // as when applying (shared/payee): money never goes to an account in another name.
    const [subject, membership] = await Promise.all([
      getSubject(actor.subjectId),
      membershipOf('grant', id),
    ]);
    const payee = validatePayee(body, subject);
    const t = confirmAccount(r.grant, { payee, inBatch: membership !== undefined }, actor, now);
    const view = toGrantView(await policyCatalogue(), t.next);
    const retryAt =
      t.next.status === 'returned' || t.next.status === 'payment_failed' ? now : r.retryAt;
    // the account on file moves in the same transaction as the grant
    const onFile = t.next.payee ? [payeeOnFileItem(actor.subjectId, t.next.payee, now)] : [];
    await saveGrant(t.next, t.events, r.grant.version, {
      with: [
        ...grantOutbox(t.next, t.events, now),
        ...onFile,
        // until payment starts: a 支付批次 that took the grant meanwhile makes the write fail too
        notInBatch('grant', id, () => accountLocked(t.next.status)),
        ...guard(view),
      ],
      retryAt,
      runId: r.runId,
      now,
    });
    return view;
  });
}
