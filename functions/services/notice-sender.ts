/**
 * The notice sender: delivers each outbox record once (DESIGN §14). Driven by the table's
 * stream on AWS (functions/queue/notice-sender), by the same code polling the stream locally
 * (infra/local/notice-stream.ts), and by a sweep of the pending index every few minutes for
 * retries (functions/schedule/notice-retry).
 *
 * Exactly once, per notice:
 * 1. claim: a conditional write takes a lease on the pending record and counts the attempt; a
 *    second sender (a stream retry, the sweep, a duplicate stream record) finds it leased or
 *    sent and does nothing;
 * 2. send, with the record id as idempotency key;
 * 3. markSent under the same lease: the record leaves the pending index.
 * A crash between 2 and 3 leaves the record leased: nobody resends it until the lease expires,
 * then the retry sends it again under the SAME key. The fake WeChat server (and an SMS gateway
 * with keys) deliver it once; WeChat's own API has no key, so that window (a crash inside the
 * few milliseconds between its answer and our write) is the one place a real user could get
 * a message twice — the lease makes it the only one.
 * A failed send gives the lease back with the next try due after a backoff; after
 * MAX_DELIVERY_ATTEMPTS, or at once for a refusal a retry cannot cure, the record is marked
 * undeliverable and listed for the admins (GET /v1/admin/notices).
 */
import { now as clockNow } from '../_lib/clock';
import { logger } from '../_lib/logger';
import { instantOf } from '../../shared/calendar';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../shared/notices';
import {
  PermanentDeliveryError,
  noticeAdapters,
  type Destination,
  type NoticeAdapter,
} from '../adapters/notify';
import { noticeConsentOf } from '../repositories/notice-consents';
import {
  claimNotice,
  dueNotices,
  markSent,
  markUndeliverable,
  recipientOf,
  scheduleRetry,
  type DeliveryChannel,
  type OutboxRecord,
} from '../repositories/outbox';

export const LEASE_MS = 60_000;

export interface SenderDeps {
  adapters: { wechat: NoticeAdapter; sms: NoticeAdapter };
  now: () => Date;
  /** tests only: runs between the send and markSent (a crash there is the hard case) */
  afterSend?: (id: string) => void | Promise<void>;
}

export const defaultSenderDeps = (): SenderDeps => ({
  adapters: noticeAdapters(),
  now: clockNow,
});

export type Outcome = 'sent' | 'skipped' | 'retry' | 'undeliverable';

/** Where a record goes: WeChat when its recipient consented to the template, else SMS, else the message centre only. */
async function destinationOf(r: OutboxRecord): Promise<Destination | undefined> {
  const consent = await noticeConsentOf(recipientOf(r));
  if (consent?.channel === 'wechat' && consent.templates.includes(r.notice.template))
    return { channel: 'wechat', openId: consent.openId };
  if (consent?.phone) return { channel: 'sms', phone: consent.phone };
  return undefined;
}

const pageOf = (r: OutboxRecord): string =>
  r.aggregate.kind === 'sla_digest' ? 'pages/review/index' : 'pages/messages/index';

export async function deliverNotice(id: string, deps: SenderDeps): Promise<Outcome> {
  const start = deps.now();
  const at = instantOf(start);
  const lease = instantOf(new Date(start.getTime() + LEASE_MS));
  const claimed = await claimNotice(id, at, lease);
  if (!claimed) return 'skipped';
  const r = claimed.record;
  const to = await destinationOf(r);
  let channel: DeliveryChannel = 'inbox';
  if (to) {
    channel = to.channel;
    try {
      await deps.adapters[to.channel].send({
        idempotencyKey: r.id,
        to,
        notice: r.notice,
        createdAt: r.createdAt,
        page: pageOf(r),
      });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const failedAt = instantOf(deps.now());
      if (e instanceof PermanentDeliveryError || claimed.attempts >= MAX_DELIVERY_ATTEMPTS) {
        await markUndeliverable(id, { failedAt, error, lease });
        logger.warn('notice undeliverable', { id, attempts: claimed.attempts, error });
        return 'undeliverable';
      }
      const retryAt = instantOf(new Date(deps.now().getTime() + retryDelayMs(claimed.attempts)));
      await scheduleRetry(id, { retryAt, error, lease });
      return 'retry';
    }
  }
  await deps.afterSend?.(id);
  const sent = await markSent(id, { sentAt: instantOf(deps.now()), channel, lease });
  if (!sent) logger.warn('notice sent but its lease was lost', { id });
  return 'sent';
}

/** Delivers notices one after another; an infrastructure error stops the batch (the caller retries). */
export async function deliverAll(
  ids: readonly string[],
  deps: SenderDeps,
): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { sent: 0, skipped: 0, retry: 0, undeliverable: 0 };
  for (const id of ids) counts[await deliverNotice(id, deps)]++;
  return counts;
}

/** The sweep: every pending notice due now (new ones the stream missed, retries whose time came). */
export async function sweepNotices(deps: SenderDeps = defaultSenderDeps()) {
  const due = await dueNotices(instantOf(deps.now()), 200);
  return deliverAll(
    due.map((r) => r.id),
    deps,
  );
}
