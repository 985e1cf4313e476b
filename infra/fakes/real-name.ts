/**
 * Local fake of the real-name verification provider (functions/adapters/real-name.ts), with
 * the failure modes binding must survive. Modes, globally (`setMode`, POST /__mode {mode}),
 * per ID number (`setModeFor`, POST /__mode {mode, idNumber}) or per request (header x-fake-mode):
 *   match        answers {result: 'match'}
 *   mismatch     answers {result: 'mismatch'} (the name does not belong to that ID number)
 *   unavailable  answers 503
 *   slow         holds the answer past the client's timeout (then answers match)
 * The default mode is `match`, except that a name containing 「不符」 always mismatches, so a
 * person trying the local stack by hand can see a refusal without switching modes.
 *
 * Run alone: `npx tsx infra/fakes/real-name.ts` (port REAL_NAME_PORT, 3101).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REAL_NAME_MODES = ['match', 'mismatch', 'unavailable', 'slow'] as const;
export type RealNameMode = (typeof REAL_NAME_MODES)[number];
const isMode = (s: unknown): s is RealNameMode =>
  (REAL_NAME_MODES as readonly unknown[]).includes(s);

export interface FakeRealName {
  url: string;
  /** every verification asked, in order (ID numbers as sent: this is a local fake) */
  calls: (Record<string, string> & { mode: RealNameMode })[];
  setMode(mode: RealNameMode): void;
  setModeFor(idNumber: string, mode: RealNameMode | undefined): void;
  stop(): Promise<void>;
}

/** A JSON field as text: the verification APIs send strings and numbers only. */
export const textOf = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startFakeRealName(
  o: { port?: number; mode?: RealNameMode; slowMs?: number } = {},
): Promise<FakeRealName> {
  return startFakeVerifier({
    ...o,
    path: '/v1/verify',
    keyField: 'idNumber',
    matchBody: () => ({ result: 'match' }),
  });
}

/**
 * The verifier behind both local fakes (this one and infra/fakes/enterprise-registry.ts):
 * POST <path> answers by mode; per-key modes are keyed by the body's `keyField`.
 */
export async function startFakeVerifier(o: {
  port?: number;
  mode?: RealNameMode;
  slowMs?: number;
  path: string;
  keyField: string;
  matchBody: (body: Record<string, unknown>) => Record<string, unknown>;
}): Promise<FakeRealName> {
  let mode: RealNameMode = o.mode ?? 'match';
  const perId = new Map<string, RealNameMode>();
  const calls: FakeRealName['calls'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http ignores the listener's result; a fake that throws shows as the failed request in its test
  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    if (req.method === 'POST' && req.url === '/__mode') {
      if (!isMode(body.mode)) return send(res, 400, { error: 'unknown mode' });
      const key = body[o.keyField] ?? body.idNumber;
      if (typeof key === 'string') perId.set(key, body.mode);
      else mode = body.mode;
      return send(res, 200, { mode: body.mode });
    }
    if (req.method !== 'POST' || req.url !== o.path) return send(res, 404, { error: 'not found' });
    const key = textOf(body[o.keyField]);
    const name = textOf(body.name ?? body.legalRepName);
    const header = req.headers['x-fake-mode'];
    const chosen: RealNameMode = isMode(header)
      ? header
      : (perId.get(key) ?? (name.includes('不符') ? 'mismatch' : mode));
    calls.push({
      ...(body as Record<string, string>),
      mode: chosen,
    });
    switch (chosen) {
      case 'match':
        return send(res, 200, o.matchBody(body));
      case 'mismatch':
        return send(res, 200, { result: chosen });
      case 'unavailable':
        return send(res, 503, { error: 'unavailable' });
      case 'slow': {
        const t = setTimeout(() => {
          timers.delete(t);
          send(res, 200, o.matchBody(body));
        }, o.slowMs ?? 5000);
        timers.add(t);
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setMode: (m) => void (mode = m),
    setModeFor: (id, m) => {
      if (m) perId.set(id, m);
      else perId.delete(id);
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (require.main === module) {
  void startFakeRealName({ port: Number(process.env.REAL_NAME_PORT ?? 3101) }).then((f) =>
    console.log(`fake real-name check on ${f.url}`),
  );
}
