/**
 * The treasury gateway (国库集中支付 / the paying bank) behind one small interface, so the
 * disburse and reconcile services never see HTTP. Every order carries its idempotency key;
 * the gateway deduplicates on it, which is what makes a re-sent order safe after a
 * timeout, a crash or a rerun (DESIGN §5).
 *
 * HTTP contract (the local fake in infra/fakes/treasury.ts implements it):
 *   POST {TREASURY_URL}/payments          {idempotencyKey, amountFen, payee, reference} → TreasuryAnswer
 *   GET  {TREASURY_URL}/payments/{key}    → TreasuryAnswer | 404 (never received)
 *   TreasuryAnswer = {idempotencyKey, status: processing|paid|returned|failed, reason?, treasuryRef?}
 * Every request is signed (HMAC-SHA256 with TREASURY_HMAC_SECRET, see ./treasury-signature.ts).
 *
 * Only a definite answer is final (DESIGN §11, issue #10 case 6). The rule, for the order
 * and for the status query alike:
 *   - 2xx with a well-formed answer (and, when it names one, our key) → that answer; final
 *     when paid, returned or failed, "processing" keeps the payment open.
 *   - a definite refusal → failed (final: a new attempt may start with a new key, because the
 *     bank said it will never execute this one). A refusal is a 4xx other than 408/409/425/429
 *     whose body is the gateway's own answer about THIS order:
 *     {idempotencyKey: <our key>, status: "failed", reason}.
 *   - 404 on the status query → never received (the caller re-sends with the SAME key, which
 *     is safe even if the 404 came from a proxy: the bank deduplicates on it).
 *   - everything else is "unknown" (TreasuryUnavailable): network errors and timeouts, 408,
 *     409, 425, 429, every 5xx, a 401/403 without a refusal body (our signature refused: a
 *     configuration fault, logged as an error), any other 4xx without a refusal body (a proxy
 *     or firewall answered, not the bank), a 3xx, a 2xx we cannot read or about another key. The payment stays open and reconciliation asks again, and re-sends, with the same
 *     key. A 409 or 429 may well come after the bank recorded the order: taking it as a
 *     failure and retrying with a new key is how an item gets paid twice.
 */
import type { Payee } from '../../shared/lifecycle/grant';
import type { TreasuryOutcome } from '../../shared/payment';
import { logger } from '../_lib/logger';
import { signRequest, treasurySecret } from './treasury-signature';

export interface PaymentOrder {
  idempotencyKey: string;
  amountFen: number;
  payee: Payee;
  /** our payment id, printed on the bank statement */
  reference: string;
}

/** No definite answer: the gateway could not be reached, did not answer in time, or answered nothing final. The order may or may not exist. */
export class TreasuryUnavailable extends Error {
  constructor(
    message: string,
    /** the HTTP status, when there was one */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TreasuryUnavailable';
  }
}

export interface Treasury {
  /** Sends (or re-sends) an order; throws TreasuryUnavailable when the outcome is unknown. */
  pay(order: PaymentOrder): Promise<TreasuryOutcome>;
  /** What the gateway knows about an order; undefined when it never received it. */
  status(idempotencyKey: string): Promise<TreasuryOutcome | undefined>;
}

const STATUSES = ['processing', 'paid', 'returned', 'failed'] as const;

/** HTTP statuses that never say what happened to the order (besides every 5xx). */
export const UNKNOWN_HTTP_STATUSES: readonly number[] = [408, 409, 425, 429];

type Answer = {
  idempotencyKey?: unknown;
  status?: unknown;
  reason?: unknown;
  treasuryRef?: unknown;
};

/** A treasury answer (from a response or a callback) as an outcome; undefined when it is not one. */
export function outcomeOf(body: unknown): TreasuryOutcome | undefined {
  const b = body as Answer | undefined;
  if (!b || typeof b !== 'object' || !STATUSES.includes(b.status as (typeof STATUSES)[number]))
    return undefined;
  const treasuryRef = typeof b.treasuryRef === 'string' ? b.treasuryRef : undefined;
  if (b.status === 'returned' || b.status === 'failed') {
    const reason =
      typeof b.reason === 'string' && b.reason
        ? b.reason
        : b.status === 'returned'
          ? '退票'
          : '拨付失败';
    return { status: b.status, reason, treasuryRef };
  }
  return { status: b.status as 'processing' | 'paid', treasuryRef };
}

/**
 * The rule above, for one response to a request about `key`: the outcome, 'never_received'
 * (404 on a status query), or TreasuryUnavailable thrown.
 */
export function classifyAnswer(
  httpStatus: number,
  body: unknown,
  key: string,
  what: 'pay' | 'status',
): TreasuryOutcome | 'never_received' {
  const unknown = (why: string) => new TreasuryUnavailable(`treasury ${what} ${why}`, httpStatus);
  const keyOf = (body as Answer | undefined)?.idempotencyKey;
  if (httpStatus >= 200 && httpStatus < 300) {
    const outcome = outcomeOf(body);
    if (!outcome) throw unknown(`answered ${httpStatus} with an unreadable body`);
    if (keyOf !== undefined && keyOf !== key)
      throw unknown(`answered ${httpStatus} about another order`);
    return outcome;
  }
  if (what === 'status' && httpStatus === 404) return 'never_received';
  const definiteRefusal =
    httpStatus >= 400 &&
    httpStatus < 500 &&
    !UNKNOWN_HTTP_STATUSES.includes(httpStatus) &&
    keyOf === key &&
    (body as Answer).status === 'failed';
  const refused = definiteRefusal ? outcomeOf(body) : undefined;
  if (refused) return refused;
  if (httpStatus === 401 || httpStatus === 403) {
    // not the order's fault: nothing is paid until an operator fixes the shared secret
    logger.error('treasury refused our signature: check TREASURY_HMAC_SECRET', {
      what,
      status: httpStatus,
    });
  }
  throw unknown(`answered ${httpStatus}: outcome unknown`);
}

export interface HttpTreasuryOptions {
  /** the HMAC secret shared with the gateway (default: TREASURY_HMAC_SECRET) */
  secret?: string;
}

export function httpTreasury(
  baseUrl: string,
  timeoutMs = 5000,
  o: HttpTreasuryOptions = {},
): Treasury {
  const base = baseUrl.replace(/\/+$/, '');
  const secret = o.secret ?? treasurySecret();
  async function send(
    path: string,
    method: 'GET' | 'POST',
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(`${base}${path}`);
    // signed as the gateway will see it: its own path prefix included
    const signed = signRequest(
      secret,
      { method, path: `${url.pathname}${url.search}`, body },
      Date.now(),
    );
    try {
      const res = await fetch(url, {
        method,
        headers: { ...headers, ...signed },
        ...(method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.json().catch(() => undefined) };
    } catch (e) {
      throw new TreasuryUnavailable(`treasury ${method} ${path}: ${(e as Error).name}`);
    }
  }
  return {
    async pay(order) {
      const res = await send('/payments', 'POST', JSON.stringify(order), {
        'content-type': 'application/json',
        'idempotency-key': order.idempotencyKey,
      });
      const outcome = classifyAnswer(res.status, res.body, order.idempotencyKey, 'pay');
      if (outcome === 'never_received')
        throw new TreasuryUnavailable('treasury pay: unexpected answer', res.status);
      return outcome;
    },
    async status(key) {
      const res = await send(`/payments/${encodeURIComponent(key)}`, 'GET', '');
      const outcome = classifyAnswer(res.status, res.body, key, 'status');
      return outcome === 'never_received' ? undefined : outcome;
    },
  };
}

let configured: Treasury | undefined;

/** The gateway from TREASURY_URL, signing with TREASURY_HMAC_SECRET (TREASURY_TIMEOUT_MS optional). */
export function treasury(): Treasury {
  if (configured) return configured;
  const url = process.env.TREASURY_URL;
  if (!url) throw new Error('TREASURY_URL is not set');
  configured = httpTreasury(url, Number(process.env.TREASURY_TIMEOUT_MS ?? 5000));
  return configured;
}

/** Tests point the services at another gateway (or reset to TREASURY_URL with undefined). */
export function useTreasury(t: Treasury | undefined): void {
  configured = t;
}
