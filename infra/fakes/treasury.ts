/**
 * Local fake of the treasury gateway, with the failure modes money code must survive
 * (DESIGN §5, §11, STYLE §7 test/fault). Like a real bank it deduplicates on the idempotency
 * key: an order it has seen is answered with that order's current state and never
 * executed again, whatever the mode.
 *
 * Like the real gateway it checks the HMAC signature of every order and status query
 * (functions/adapters/treasury-signature.ts, secret TREASURY_HMAC_SECRET): a missing or bad
 * one is answered 401, recorded in `rejected`, and nothing is executed. Its callbacks are
 * signed the same way.
 *
 * Modes of an order, globally (`setMode`, POST /__mode {mode}), per key prefix (`setModeFor`,
 * POST /__mode {mode, prefix}), or per request (header `x-fake-mode`):
 *   ok                 executes the order, answers paid
 *   fail               refuses it in a 200 answer (failed, 收款账户状态异常)
 *   refuse             refuses it with 422 and the refusal body {idempotencyKey, status: failed, reason}
 *   timeout            executes it, then holds the answer past the client's timeout
 *   timeout_lost       records nothing, holds the answer past the client's timeout (the order was lost)
 *   twice              executes it, answers paid, and delivers the answer to the callback URL twice
 *   return_later       accepts it (processing); a later status query finds it returned (退票)
 *   unavailable        answers 503 without recording anything
 *   http_<code>        answers <code> without recording anything (the order never reached the books)
 *   http_<code>_executed  records and executes the order, THEN answers <code>: the classic
 *                      double-payment trap of a 409 or 429 taken as a failure
 *   for <code> in FAULT_CODES (400, 403, 408, 409, 425, 429, 500, 502, 503, 504).
 *
 * Status queries answer normally unless told otherwise (`setQueryMode`, `setQueryModeFor`,
 * POST /__mode {mode, prefix?, query: true}): `ok`, `timeout` (held) or `http_<code>`.
 *
 * Run alone for the local stack: `npx tsx infra/fakes/treasury.ts` (port TREASURY_PORT, 3100;
 * secret TREASURY_HMAC_SECRET; callbacks to TREASURY_CALLBACK_URL when set).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  signRequest,
  treasurySecret,
  verifyRequest,
  type VerifyResult,
} from '../../functions/adapters/treasury-signature';

export const FAULT_CODES = [400, 403, 408, 409, 425, 429, 500, 502, 503, 504] as const;
export type FaultCode = (typeof FAULT_CODES)[number];
type HttpMode = `http_${FaultCode}`;

const BASE_MODES = [
  'ok',
  'fail',
  'refuse',
  'timeout',
  'timeout_lost',
  'twice',
  'return_later',
  'unavailable',
] as const;
export type FakeMode = (typeof BASE_MODES)[number] | HttpMode | `${HttpMode}_executed`;
export const FAKE_MODES: readonly FakeMode[] = [
  ...BASE_MODES,
  ...FAULT_CODES.map((c): HttpMode => `http_${c}`),
  ...FAULT_CODES.map((c): `${HttpMode}_executed` => `http_${c}_executed`),
];
export type QueryMode = 'ok' | 'timeout' | HttpMode;
export const QUERY_MODES: readonly QueryMode[] = [
  'ok',
  'timeout',
  ...FAULT_CODES.map((c): HttpMode => `http_${c}`),
];

const isFakeMode = (s: unknown): s is FakeMode => (FAKE_MODES as readonly unknown[]).includes(s);
const isQueryMode = (s: unknown): s is QueryMode => (QUERY_MODES as readonly unknown[]).includes(s);
/** `http_409` → {code: 409, executed: false}; `http_409_executed` → executed; other modes → undefined. */
function faultOf(mode: string): { code: number; executed: boolean } | undefined {
  const m = /^http_(\d{3})(_executed)?$/.exec(mode);
  return m ? { code: Number(m[1]), executed: m[2] !== undefined } : undefined;
}

export interface FakeOrder {
  idempotencyKey: string;
  amountFen: number;
  reference: string;
  accountTail: string;
  status: 'processing' | 'paid' | 'returned' | 'failed';
  reason?: string;
  treasuryRef: string;
  /** times the order was received (deduplicated after the first) */
  received: number;
  /** times money actually left the account for it: must never exceed 1 */
  executions: number;
  /** status queries answered for it */
  checks: number;
  mode: FakeMode;
}

/** A request refused for its signature: nothing was recorded or executed for it. */
export interface RejectedRequest {
  method: string;
  path: string;
  reason: Exclude<VerifyResult, { ok: true }>['reason'];
}

export interface FakeTreasury {
  url: string;
  setMode(mode: FakeMode): void;
  setModeFor(keyPrefix: string, mode: FakeMode): void;
  setQueryMode(mode: QueryMode): void;
  setQueryModeFor(keyPrefix: string, mode: QueryMode): void;
  /** status queries after which a return_later order turns returned (default 1) */
  returnAfterChecks: number;
  /** how long a timeout-mode answer is held (default 10 s) */
  holdMs: number;
  callbackUrl?: string;
  orders: Map<string, FakeOrder>;
  /** requests refused for a missing or bad signature */
  rejected: RejectedRequest[];
  /** money that left, per order reference prefix (or all) */
  paidFen(prefix?: string): number;
  /** POSTs an order's current state to the callback URL, signed, `times` times; the HTTP statuses. */
  deliver(idempotencyKey: string, times?: number): Promise<number[]>;
  stop(): Promise<void>;
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => resolve(text));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const answerOf = (o: FakeOrder) => ({
  status: o.status,
  reason: o.reason,
  treasuryRef: o.treasuryRef,
  idempotencyKey: o.idempotencyKey,
});

export async function startFakeTreasury(
  o: { port?: number; mode?: FakeMode; callbackUrl?: string; secret?: string } = {},
): Promise<FakeTreasury> {
  const secret = o.secret ?? treasurySecret();
  let mode: FakeMode = o.mode ?? 'ok';
  let queryMode: QueryMode = 'ok';
  const byPrefix = new Map<string, FakeMode>();
  const queryByPrefix = new Map<string, QueryMode>();
  const orders = new Map<string, FakeOrder>();
  let seq = 0;

  const deliverOnce = async (order: FakeOrder): Promise<number> => {
    if (!fake.callbackUrl) return 0;
    const url = new URL(fake.callbackUrl);
    const body = JSON.stringify(answerOf(order));
    const headers = {
      'content-type': 'application/json',
      ...signRequest(
        secret,
        { method: 'POST', path: `${url.pathname}${url.search}`, body },
        Date.now(),
      ),
    };
    return fetch(url, { method: 'POST', headers, body }).then(
      (r) => r.status,
      () => 0,
    );
  };

  const fake: FakeTreasury = {
    url: '',
    setMode: (m) => (mode = m),
    setModeFor: (prefix, m) => byPrefix.set(prefix, m),
    setQueryMode: (m) => (queryMode = m),
    setQueryModeFor: (prefix, m) => queryByPrefix.set(prefix, m),
    returnAfterChecks: 1,
    holdMs: 10_000,
    callbackUrl: o.callbackUrl,
    orders,
    rejected: [],
    paidFen: (prefix = '') =>
      [...orders.values()]
        .filter((x) => x.reference.startsWith(prefix) || x.idempotencyKey.startsWith(prefix))
        .reduce((s, x) => s + x.amountFen * x.executions, 0),
    deliver: async (key, times = 1) => {
      const order = orders.get(key);
      if (!order) throw new Error(`fake treasury: no order ${key}`);
      const statuses: number[] = [];
      for (let i = 0; i < times; i++) statuses.push(await deliverOnce(order));
      return statuses;
    },
    stop: async () => undefined,
  };

  const longest = <M>(map: Map<string, M>, key: string): M | undefined => {
    let found: [string, M] | undefined;
    for (const [prefix, m] of map)
      if (key.startsWith(prefix) && (!found || prefix.length > found[0].length))
        found = [prefix, m];
    return found?.[1];
  };
  const modeOf = (req: IncomingMessage, key: string): FakeMode => {
    const header = req.headers['x-fake-mode'];
    if (isFakeMode(header)) return header;
    return longest(byPrefix, key) ?? mode;
  };

  const hold = (then: () => void) => setTimeout(then, fake.holdMs).unref();

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http ignores the listener's result; a fake that throws shows as the failed request in its test
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = await readText(req);
    // the test's control endpoints: unsigned, like a bank's own operator console
    if (req.method === 'POST' && url.pathname === '/__mode') {
      const body = parseJson(text) as
        { mode?: string; prefix?: string; query?: boolean } | undefined;
      if (body?.query) {
        if (!isQueryMode(body.mode)) return send(res, 400, { error: 'mode', modes: QUERY_MODES });
        if (body.prefix) queryByPrefix.set(body.prefix, body.mode);
        else queryMode = body.mode;
        return send(res, 200, { queryMode: body.mode });
      }
      if (!isFakeMode(body?.mode)) return send(res, 400, { error: 'mode', modes: FAKE_MODES });
      if (body.prefix) byPrefix.set(body.prefix, body.mode);
      else mode = body.mode;
      return send(res, 200, { mode: body.mode });
    }
    if (req.method === 'GET' && url.pathname === '/__orders')
      return send(res, 200, [...orders.values()]);
    if (req.method === 'GET' && url.pathname === '/__rejected')
      return send(res, 200, fake.rejected);

    if (url.pathname === '/payments' || url.pathname.startsWith('/payments/')) {
      const path = req.url ?? '/';
      const verified = verifyRequest(
        secret,
        { method: req.method ?? 'GET', path, body: text },
        req.headers,
        Date.now(),
      );
      if (!verified.ok) {
        fake.rejected.push({ method: req.method ?? 'GET', path, reason: verified.reason });
        return send(res, 401, { error: 'signature', reason: verified.reason });
      }
    }

    if (req.method === 'GET' && url.pathname.startsWith('/payments/')) {
      const key = decodeURIComponent(url.pathname.slice('/payments/'.length));
      const qm = longest(queryByPrefix, key) ?? queryMode;
      if (qm === 'timeout') return void hold(() => send(res, 503, { error: 'late' }));
      const fault = faultOf(qm);
      if (fault) return send(res, fault.code, { error: `fake ${fault.code}` });
      const order = orders.get(key);
      if (!order) return send(res, 404, { error: 'unknown order' });
      order.checks++;
      if (
        order.status === 'processing' &&
        order.mode === 'return_later' &&
        order.checks >= fake.returnAfterChecks
      ) {
        order.status = 'returned';
        order.reason = '收款账户户名与账号不符（退票）';
      }
      return send(res, 200, answerOf(order));
    }
    if (req.method === 'POST' && url.pathname === '/payments') {
      const body = parseJson(text) as
        | {
            idempotencyKey?: string;
            amountFen?: number;
            reference?: string;
            payee?: { accountNumber?: string };
          }
        | undefined;
      const key = body?.idempotencyKey;
      if (!key || !Number.isSafeInteger(body.amountFen) || (body.amountFen ?? 0) <= 0)
        return send(res, 400, { error: 'bad order' });
      const m = modeOf(req, key);
      const seen = orders.get(key);
      if (seen) {
        // A bank answers a repeated order with the first one's state and never pays it again.
        seen.received++;
        return send(res, 200, answerOf(seen));
      }
      const fault = faultOf(m);
      if (m === 'unavailable') return send(res, 503, { error: 'unavailable' });
      if (fault && !fault.executed) return send(res, fault.code, { error: `fake ${fault.code}` });
      if (m === 'timeout_lost') return void hold(() => res.destroy());
      const order: FakeOrder = {
        idempotencyKey: key,
        amountFen: body.amountFen ?? 0,
        reference: body.reference ?? '',
        accountTail: (body.payee?.accountNumber ?? '').slice(-4),
        status: 'paid',
        treasuryRef: `TR${String(++seq).padStart(8, '0')}`,
        received: 1,
        executions: 0,
        checks: 0,
        mode: m,
      };
      orders.set(key, order);
      if (fault) {
        // recorded and paid, but the answer says otherwise
        order.executions = 1;
        return send(res, fault.code, { error: `fake ${fault.code}` });
      }
      switch (m) {
        case 'fail':
          order.status = 'failed';
          order.reason = '收款账户状态异常';
          return send(res, 200, answerOf(order));
        case 'refuse':
          order.status = 'failed';
          order.reason = '收款账户已销户';
          return send(res, 422, answerOf(order));
        case 'return_later':
          // Money leaves now; the receiving bank bounces it days later (退票), so it comes back.
          order.status = 'processing';
          return send(res, 200, answerOf(order));
        case 'timeout':
          order.executions = 1;
          return void hold(() => send(res, 200, answerOf(order)));
        case 'twice':
          order.executions = 1;
          send(res, 200, answerOf(order));
          void fake.deliver(key, 2).catch(() => undefined);
          return;
        default:
          order.executions = 1;
          return send(res, 200, answerOf(order));
      }
    }
    send(res, 404, { error: 'not found' });
  });

  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

if (require.main === module) {
  void startFakeTreasury({
    port: Number(process.env.TREASURY_PORT ?? 3100),
    callbackUrl: process.env.TREASURY_CALLBACK_URL,
  }).then((f) => {
    console.log(
      `fake treasury listening on ${f.url} (modes: ${FAKE_MODES.join(', ')}; POST /__mode to switch)`,
    );
  });
}
