/**
 * The treasury gateway (国库集中支付 / the paying bank) behind one small interface, so the
 * disburse and reconcile services never see HTTP. Every order carries its idempotency key;
 * the gateway deduplicates on it, which is what makes a re-sent order safe after a
 * timeout, a crash or a rerun (DESIGN §5).
 *
 * HTTP contract (the local fake in infra/fakes/treasury.ts implements it):
 *   POST {TREASURY_URL}/payments          {idempotencyKey, amountFen, payee, reference} → TreasuryAnswer
 *   GET  {TREASURY_URL}/payments/{key}    → TreasuryAnswer | 404 (never received)
 */
import type { Payee } from '../../shared/lifecycle/grant';
import type { TreasuryOutcome } from '../../shared/payment';

export interface PaymentOrder {
  idempotencyKey: string;
  amountFen: number;
  payee: Payee;
  /** our payment id, printed on the bank statement */
  reference: string;
}

/** The gateway could not be reached or did not answer in time: the order may or may not exist. */
export class TreasuryUnavailable extends Error {
  constructor(message: string) {
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

function outcomeOf(body: unknown): TreasuryOutcome {
  const b = body as { status?: string; reason?: string; treasuryRef?: string };
  if (!b || !STATUSES.includes(b.status as (typeof STATUSES)[number])) throw new TreasuryUnavailable('unexpected treasury answer');
  if (b.status === 'returned' || b.status === 'failed') {
    return { status: b.status, reason: b.reason || (b.status === 'returned' ? '退票' : '拨付失败'), treasuryRef: b.treasuryRef };
  }
  return { status: b.status as 'processing' | 'paid', treasuryRef: b.treasuryRef };
}

export function httpTreasury(baseUrl: string, timeoutMs = 5000): Treasury {
  const base = baseUrl.replace(/\/+$/, '');
  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new TreasuryUnavailable(`treasury ${init.method ?? 'GET'} ${path}: ${(e as Error).name}`);
    }
  }
  return {
    async pay(order) {
      const res = await send('/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': order.idempotencyKey },
        body: JSON.stringify(order),
      });
      if (res.status >= 500) throw new TreasuryUnavailable(`treasury answered ${res.status}`);
      if (res.status >= 400) return { status: 'failed', reason: `支付网关拒绝（${res.status}）` };
      return outcomeOf(await res.json().catch(() => undefined));
    },
    async status(key) {
      const res = await send(`/payments/${encodeURIComponent(key)}`, { method: 'GET' });
      if (res.status === 404) return undefined;
      if (res.status >= 400) throw new TreasuryUnavailable(`treasury answered ${res.status}`);
      return outcomeOf(await res.json().catch(() => undefined));
    },
  };
}

let configured: Treasury | undefined;

/** The gateway from TREASURY_URL (TREASURY_TIMEOUT_MS optional). */
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
