/**
 * Issue 14: the auditor (审计) is read-only. Every write route of serverless.yml (any method
 * but GET, read from infra/functions/*.yml, so a new route is covered the day it is wired)
 * is called through its real handler with an auditor's token and must answer 403 FORBIDDEN,
 * before anything is read or written.
 *
 * Not covered, by design, and listed so the exceptions are visible:
 * - public routes (no token is read: login, binding, the treasury's callback, the public
 *   公示 objection) and routes any signed-in user may call about their own session
 *   (refresh, logout): an auditor is no different there from anyone;
 * - POST /v1/admin/payables/{kind}/{id}/recovery: an auditor may open a 追回 (an audit
 *   finding, issue 10) but never close one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { newId } from '../../../functions/_lib/new-id';
import { ROUTES } from '../../../shared/contracts';
import { call } from '../../support/http';
import { signSession } from '../../support/session';
import { freshTable } from '../../support/table';

type Handler = (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

const ROOT = join(__dirname, '..', '..', '..');
const SELF_SERVICE = new Set(['authRefresh', 'authLogout']);
const AUDITOR_MAY_WRITE = new Set(['openRecovery']);

interface Route {
  name: string;
  dir: string;
  method: string;
  path: string;
}

/** Every httpApi route of the yml files (function name, handler directory, method, path). */
function routes(): Route[] {
  const out: Route[] = [];
  const dir = join(ROOT, 'infra', 'functions');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
    let name = '';
    let handlerDir = '';
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const fn = /^([A-Za-z0-9]+):\s*$/.exec(line);
      if (fn?.[1]) name = fn[1];
      const h = /^\s+handler:\s*functions\/http\/([^/]+)\/handler\.handler/.exec(line);
      if (h?.[1]) handlerDir = h[1];
      const e = /^\s+-\s*httpApi:\s*([A-Z]+)\s+(\S+)/.exec(line);
      if (e?.[1] && e[2] && handlerDir)
        out.push({ name, dir: handlerDir, method: e[1], path: e[2] });
    }
  }
  return out;
}

/** Public by its contract (shared/contracts): no token is read. */
const isPublic = (r: Route) => ROUTES.find((c) => c.name === r.name)?.access === 'public';

const WRITES = routes().filter(
  (r) =>
    r.method !== 'GET' &&
    !isPublic(r) &&
    !SELF_SERVICE.has(r.name) &&
    !AUDITOR_MAY_WRITE.has(r.name),
);

let auditor: string;
beforeAll(async () => {
  await freshTable();
  auditor = (await signSession({ kind: 'auditor', userId: newId('user') }, new Date())).token;
});

it('finds the write routes (the list is not empty or stale)', () => {
  expect(WRITES.length).toBeGreaterThanOrEqual(40);
  expect(WRITES.map((r) => r.name)).toEqual(
    expect.arrayContaining(['createApplication', 'decideApplication', 'resolveGrantObjection']),
  );
});

it.each(WRITES.map((r) => [`${r.method} ${r.path}`, r] as const))(
  '%s refuses an auditor with 403',
  async (routeKey, r) => {
    const mod = (await import(join(ROOT, 'functions', 'http', r.dir, 'handler'))) as {
      handler: Handler;
    };
    const params = Object.fromEntries(
      [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] ?? '', 'x_audit_probe']),
    );
    const res = await call(mod.handler, routeKey, { token: auditor, params, body: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  },
);
