/**
 * Local fake of the treasury gateway, with the failure modes money code must survive
 * (DESIGN §5, STYLE §7 test/fault). Like a real bank it deduplicates on the idempotency
 * key: an order it has seen is answered with that order's current state and never
 * executed again, whatever the mode.
 *
 * Modes, globally (`setMode`, POST /__mode {mode}), per key prefix (`setModeFor`), or per
 * request (header `x-fake-mode`):
 *   ok            executes the order, answers paid
 *   fail          refuses it (failed, 账户状态异常)
 *   timeout       executes it, then holds the answer past the client's timeout
 *   twice         executes it, answers paid, and delivers the answer to the callback URL twice
 *   return_later  accepts it (processing); a later status query finds it returned (退票)
 *   unavailable   answers 503 without recording anything
 *
 * Run alone for the local stack: `npx tsx infra/fakes/treasury.ts` (port TREASURY_PORT, 3100).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_MODES = ['ok', 'fail', 'timeout', 'twice', 'return_later', 'unavailable'] as const;
export type FakeMode = (typeof FAKE_MODES)[number];

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

export interface FakeTreasury {
  url: string;
  setMode(mode: FakeMode): void;
  setModeFor(keyPrefix: string, mode: FakeMode): void;
  /** status queries after which a return_later order turns returned (default 1) */
  returnAfterChecks: number;
  /** how long a timeout-mode answer is held (default 10 s) */
  holdMs: number;
  callbackUrl?: string;
  orders: Map<string, FakeOrder>;
  /** money that left, per order reference prefix (or all) */
  paidFen(prefix?: string): number;
  stop(): Promise<void>;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(undefined);
      }
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const answerOf = (o: FakeOrder) => ({ status: o.status, reason: o.reason, treasuryRef: o.treasuryRef, idempotencyKey: o.idempotencyKey });

export async function startFakeTreasury(o: { port?: number; mode?: FakeMode; callbackUrl?: string } = {}): Promise<FakeTreasury> {
  let mode: FakeMode = o.mode ?? 'ok';
  const byPrefix = new Map<string, FakeMode>();
  const orders = new Map<string, FakeOrder>();
  let seq = 0;
  const fake: FakeTreasury = {
    url: '',
    setMode: (m) => (mode = m),
    setModeFor: (prefix, m) => byPrefix.set(prefix, m),
    returnAfterChecks: 1,
    holdMs: 10_000,
    callbackUrl: o.callbackUrl,
    orders,
    paidFen: (prefix = '') =>
      [...orders.values()].filter((x) => x.reference.startsWith(prefix) || x.idempotencyKey.startsWith(prefix)).reduce((s, x) => s + x.amountFen * x.executions, 0),
    stop: async () => undefined,
  };

  const modeOf = (req: IncomingMessage, key: string): FakeMode => {
    const header = req.headers['x-fake-mode'];
    if (typeof header === 'string' && (FAKE_MODES as readonly string[]).includes(header)) return header as FakeMode;
    for (const [prefix, m] of byPrefix) if (key.startsWith(prefix)) return m;
    return mode;
  };

  const callback = async (order: FakeOrder) => {
    if (!fake.callbackUrl) return;
    for (let i = 0; i < 2; i++) {
      await fetch(fake.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(answerOf(order)) }).catch(() => undefined);
    }
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'POST' && url.pathname === '/__mode') {
      const body = (await readJson(req)) as { mode?: FakeMode; prefix?: string } | undefined;
      if (!body?.mode || !FAKE_MODES.includes(body.mode)) return send(res, 400, { error: 'mode' });
      if (body.prefix) byPrefix.set(body.prefix, body.mode);
      else mode = body.mode;
      return send(res, 200, { mode });
    }
    if (req.method === 'GET' && url.pathname === '/__orders') return send(res, 200, [...orders.values()]);
    if (req.method === 'GET' && url.pathname.startsWith('/payments/')) {
      const order = orders.get(decodeURIComponent(url.pathname.slice('/payments/'.length)));
      if (!order) return send(res, 404, { error: 'unknown order' });
      order.checks++;
      if (order.status === 'processing' && order.mode === 'return_later' && order.checks >= fake.returnAfterChecks) {
        order.status = 'returned';
        order.reason = '收款账户户名与账号不符（退票）';
      }
      return send(res, 200, answerOf(order));
    }
    if (req.method === 'POST' && url.pathname === '/payments') {
      const body = (await readJson(req)) as
        | { idempotencyKey?: string; amountFen?: number; reference?: string; payee?: { accountNumber?: string } }
        | undefined;
      const key = body?.idempotencyKey;
      if (!key || !Number.isSafeInteger(body?.amountFen) || (body?.amountFen ?? 0) <= 0) return send(res, 400, { error: 'bad order' });
      const m = modeOf(req, key);
      const seen = orders.get(key);
      if (seen) {
        // A bank answers a repeated order with the first one's state and never pays it again.
        seen.received++;
        return send(res, 200, answerOf(seen));
      }
      if (m === 'unavailable') return send(res, 503, { error: 'unavailable' });
      const order: FakeOrder = {
        idempotencyKey: key,
        amountFen: body?.amountFen ?? 0,
        reference: body?.reference ?? '',
        accountTail: (body?.payee?.accountNumber ?? '').slice(-4),
        status: 'paid',
        treasuryRef: `TR${String(++seq).padStart(8, '0')}`,
        received: 1,
        executions: 0,
        checks: 0,
        mode: m,
      };
      orders.set(key, order);
      switch (m) {
        case 'fail':
          order.status = 'failed';
          order.reason = '收款账户状态异常';
          return send(res, 200, answerOf(order));
        case 'return_later':
          // Money leaves now; the receiving bank bounces it days later (退票), so it comes back.
          order.status = 'processing';
          return send(res, 200, answerOf(order));
        case 'timeout':
          order.executions = 1;
          setTimeout(() => send(res, 200, answerOf(order)), fake.holdMs).unref();
          return;
        case 'twice':
          order.executions = 1;
          send(res, 200, answerOf(order));
          void callback(order);
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
  void startFakeTreasury({ port: Number(process.env.TREASURY_PORT ?? 3100) }).then((f) => {
    console.log(`fake treasury listening on ${f.url} (modes: ${FAKE_MODES.join(', ')}; POST /__mode to switch)`);
  });
}
