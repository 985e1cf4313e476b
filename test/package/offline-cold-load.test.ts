/**
 * The local API's serverless-offline arguments (infra/local/stack.ts OFFLINE_START) against a
 * one-route fixture whose handler takes 2 s to load and has a 1 s timeout: the stand-in for a
 * cold bundle loading the AWS SDK on 2 busy CI cores.
 *
 * The defect it reproduces (CI, stop 22): serverless-offline counts the cold load against the
 * timeout and answers the timeout of an HTTP API route with 200 and the error as the body, so
 * the loans e2e got `{"errorMessage":"[504] - Lambda timeout."}` as a loan. Lambda itself runs
 * init as its own phase; with OFFLINE_START the route answers as it would there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../infra/local/dynamodb-local';
import { killGroup, OFFLINE_START } from '../../infra/local/stack';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures/cold-load');

/** Starts the fixture with these `osls` arguments; resolves once serverless-offline is ready. */
async function startOffline(
  args: readonly string[],
): Promise<{ url: string; child: ChildProcess }> {
  const [http, lambda] = [await freePort(), await freePort()];
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/osls'),
    [...args, '--httpPort', String(http), '--lambdaPort', String(lambda)],
    {
      cwd: FIXTURE,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const read = (b: Buffer) => {
      output += b.toString();
      if (output.includes('Server ready')) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`osls exited with ${String(code)}: ${output}`)));
  });
  return { url: `http://localhost:${http}/slow`, child };
}

async function firstCall(args: readonly string[]): Promise<{ status: number; body: unknown }> {
  const { url, child } = await startOffline(args);
  try {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
  } finally {
    await killGroup(child);
  }
}

describe('serverless-offline: a route whose cold load is longer than its timeout', () => {
  test('plain `offline start` answers 200 with the timeout as the body (the defect)', async () => {
    const { status, body } = await firstCall(['offline', 'start']);
    expect(status).toBe(200);
    expect(body).toMatchObject({ errorMessage: '[504] - Lambda timeout.' });
  }, 60_000);

  test("the local stack's arguments answer with the handler's own result", async () => {
    const { status, body } = await firstCall(OFFLINE_START);
    expect(status).toBe(200);
    expect(body).toMatchObject({ loaded: true });
    // the load does not eat the budget: the handler still sees (almost) its whole second
    const { remainingMs } = body as { remainingMs: number };
    expect(remainingMs).toBeGreaterThan(500);
    expect(remainingMs).toBeLessThanOrEqual(1000);
  }, 60_000);
});
