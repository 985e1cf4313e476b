/**
 * Local fake of WeChat's server side for notices (订阅消息) and of the SMS gateway stub, with an
 * inbox that tests and the demo read. It speaks the real API's shape:
 *   GET  /cgi-bin/token?grant_type=client_credential&appid&secret → {access_token, expires_in}
 *   POST /cgi-bin/message/subscribe/send?access_token=… {touser, template_id, page, data}
 *        → {errcode: 0, errmsg: 'ok'}; 40001 for an unknown token
 *   POST /sms/send {phone, text} (the SMS stub's gateway)
 * Unlike WeChat it honours an idempotency key (header `x-idempotency-key`): a key it already
 * delivered is answered ok and counted in `duplicates`, never put in the inbox twice. Tests use
 * `delivered(key)` to prove the sender itself sends a notice once.
 *
 * Failure modes (setMode, POST /__mode {failNext, timeoutNext}): the next N sends answer
 * errcode -1 (系统繁忙), or are held past the client's timeout without delivering.
 * GET /__inbox lists what arrived (the demo's “手机” view); POST /__reset empties it.
 *
 * Run alone: `npx tsx infra/fakes/wechat.ts` (port WECHAT_FAKE_PORT, 3103).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface InboxMessage {
  channel: 'wechat' | 'sms';
  to: string;
  templateId?: string;
  page?: string;
  data?: Record<string, { value: string }>;
  text?: string;
  idempotencyKey?: string;
  at: string;
}

export interface FakeWeChatServer {
  url: string;
  inbox: InboxMessage[];
  /** sends answered ok for a key already delivered (what real WeChat would have delivered twice) */
  duplicates: number;
  /** every send request received, delivered or not */
  requests: number;
  setMode(m: { failNext?: number; timeoutNext?: number }): void;
  delivered(idempotencyKey: string): InboxMessage[];
  reset(): void;
  stop(): Promise<void>;
}

const TOKEN = 'fake-access-token';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

export async function startFakeWeChatServer(
  o: { port?: number; holdMs?: number } = {},
): Promise<FakeWeChatServer> {
  let failNext = 0;
  let timeoutNext = 0;
  const held = new Set<ReturnType<typeof setTimeout>>();
  const fake: FakeWeChatServer = {
    url: '',
    inbox: [],
    duplicates: 0,
    requests: 0,
    setMode(m) {
      failNext = m.failNext ?? failNext;
      timeoutNext = m.timeoutNext ?? timeoutNext;
    },
    delivered: (k) => fake.inbox.filter((m) => m.idempotencyKey === k),
    reset() {
      fake.inbox.length = 0;
      fake.duplicates = 0;
      fake.requests = 0;
      failNext = 0;
      timeoutNext = 0;
    },
    stop: async () => Promise.resolve(),
  };

  /** The failure modes, then the idempotent delivery. Returns the answer, or undefined when held. */
  const deliver = (m: InboxMessage): Record<string, unknown> | undefined => {
    fake.requests++;
    if (timeoutNext > 0) {
      timeoutNext--;
      return undefined;
    }
    if (failNext > 0) {
      failNext--;
      return { errcode: -1, errmsg: 'system error' };
    }
    if (m.idempotencyKey && fake.delivered(m.idempotencyKey).length > 0) {
      fake.duplicates++;
      return { errcode: 0, errmsg: 'ok' };
    }
    fake.inbox.push(m);
    return { errcode: 0, errmsg: 'ok' };
  };
  const answer = (res: ServerResponse, body: Record<string, unknown> | undefined) => {
    if (body) {
      send(res, 200, body);
      return;
    }
    const t = setTimeout(() => {
      held.delete(t);
      send(res, 200, { errcode: -1, errmsg: 'late' });
    }, o.holdMs ?? 10_000);
    held.add(t);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const key = req.headers['x-idempotency-key'];
      const idempotencyKey = typeof key === 'string' ? key : undefined;
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        send(res, 200, { access_token: TOKEN, expires_in: 7200 });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        if (url.searchParams.get('access_token') !== TOKEN) {
          send(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
          return;
        }
        const body = await readJson(req);
        answer(
          res,
          deliver({
            channel: 'wechat',
            to: text(body.touser),
            templateId: text(body.template_id),
            page: typeof body.page === 'string' ? body.page : undefined,
            data: body.data as Record<string, { value: string }>,
            idempotencyKey,
            at: new Date().toISOString(),
          }),
        );
        return;
      }
      if (req.method === 'POST' && url.pathname === '/sms/send') {
        const body = await readJson(req);
        answer(
          res,
          deliver({
            channel: 'sms',
            to: text(body.phone),
            text: text(body.text),
            idempotencyKey,
            at: new Date().toISOString(),
          }),
        );
        return;
      }
      if (req.method === 'GET' && url.pathname === '/__inbox') {
        send(res, 200, { items: fake.inbox, duplicates: fake.duplicates });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/__mode') {
        const body = await readJson(req);
        fake.setMode({
          failNext: typeof body.failNext === 'number' ? body.failNext : undefined,
          timeoutNext: typeof body.timeoutNext === 'number' ? body.timeoutNext : undefined,
        });
        send(res, 200, { ok: true });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/__reset') {
        fake.reset();
        send(res, 200, { ok: true });
        return;
      }
      send(res, 404, { errcode: 404, errmsg: 'not found' });
    })().catch(() => send(res, 500, { errcode: -1 }));
  });

  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      for (const t of held) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  return fake;
}

if (require.main === module) {
  void startFakeWeChatServer({ port: Number(process.env.WECHAT_FAKE_PORT ?? 3103) }).then((f) => {
    console.log(`fake WeChat (订阅消息 + SMS stub) on ${f.url}; GET /__inbox`);
  });
}
