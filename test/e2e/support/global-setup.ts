/**
 * One local platform for the e2e run: in-memory DynamoDB Local, s3rver, demo seed,
 * serverless-offline (API + schedules on the Lambda port) and the H5 build served with /v1
 * proxied. Workers read the URLs from env (set here, before they are spawned).
 * The H5 client is rebuilt only when its sources are newer than client/dist/h5.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../../infra/local/dynamodb-local';
import { DEFAULT_BUSINESS_DATE, ROOT, startStack, type Stack } from '../../../infra/local/stack';
import { testClockOffset } from '../../support/env';

declare global {
  var __E2E_STACK__: Stack | undefined;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // tests and their fixtures are not in the build
    if (
      entry.name === 'node_modules' ||
      entry.name.startsWith('.') ||
      /\.test\.tsx?$/.test(entry.name) ||
      entry.name === 'test-support'
    )
      continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function h5IsFresh(): boolean {
  const built = path.join(ROOT, 'client/dist/h5/index.html');
  if (!existsSync(built)) return false;
  const sources = Math.max(
    ...['client/src', 'client/config', 'shared'].map((d) => newestMtime(path.join(ROOT, d))),
  );
  return statSync(built).mtimeMs > sources;
}

/**
 * serverless-offline loads each Lambda on its first call. On a cold clone, with the other jest
 * projects busy on the same 2 cores, the login page's first calls took over 30 s and the flows
 * timed out waiting for the demo users (measured in .ci/run). Load the routes every flow starts
 * with before any browser opens; the answer (200, 400 or 401) does not matter.
 */
async function warmUp(api: string): Promise<void> {
  const routes: [string, string][] = [
    ['GET', '/v1/auth/dev-users'],
    ['POST', '/v1/auth/login'],
    ['GET', '/v1/me'],
    ['GET', '/v1/me/matches'],
    ['GET', '/v1/policies'],
    ['GET', '/v1/applications'],
  ];
  await Promise.all(
    routes.map(([method, route]) =>
      fetch(`${api}${route}`, {
        method,
        ...(method === 'POST'
          ? { body: '{}', headers: { 'content-type': 'application/json' } }
          : {}),
        signal: AbortSignal.timeout(120_000),
      }).catch(() => undefined),
    ),
  );
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const [dynamo, api, lambda, h5] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const verbose = process.env.E2E_VERBOSE === '1';
  const stack = await startStack({
    ports: { dynamo, api, lambda, h5 },
    tableName: 'zhida-local', // serverless.yml names the table zhida-${stage}; the stack runs stage local
    sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-0123456',
    subjectIdKey: 'e2e-subject-id-key-e2e-subject-id-key-0123',
    // 10:00 in Shanghai on the demo's business date, whatever hour the suite runs at
    clockOffsetMs: testClockOffset(DEFAULT_BUSINESS_DATE),
    buildClient: !h5IsFresh(),
    serveClient: true,
    log: verbose ? (l) => console.log(l) : undefined,
  });
  globalThis.__E2E_STACK__ = stack;
  await warmUp(stack.api);
  process.env.E2E_H5 = stack.h5;
  process.env.E2E_API = stack.api;
  process.env.E2E_LAMBDA = `http://localhost:${lambda}`;
  console.log(
    `\ne2e stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: h5 ${String(stack.h5)}, api ${stack.api}, lambda :${lambda}`,
  );
}
