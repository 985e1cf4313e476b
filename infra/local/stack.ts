/**
 * The local platform as one start/stop pair, used by `npm start` and by the e2e suite:
 * DynamoDB Local, s3rver (uploads) and the fake treasury gateway → table → demo data →
 * serverless-offline (the same serverless.yml as AWS:
 * HTTP API + schedules) → the H5 client (built, served, /v1 proxied to the API).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { offsetToBusinessDate } from '../../functions/_lib/clock';
import { ensureTable, localClient } from './bootstrap';
import { backfillCurrentFacts } from '../../functions/repositories/facts';
import { rebuildIfKeyedOtherwise } from './id-derivation';
import { startDynamoLocal } from './dynamodb-local';
import { startLocalS3 } from './s3';
import { startFakeTreasury } from '../fakes/treasury';
import { startFakeRealName } from '../fakes/real-name';
import { startFakeEnterpriseRegistry } from '../fakes/enterprise-registry';
import { startFakeWeChatServer } from '../fakes/wechat';
import { seedDemo, type SeedSummary } from './seed';
import { seedLoanDemo } from './demo-loans';
import { openPolicyBudgets } from '../../functions/services/budget';
import { serveClient } from './static-server';

export const ROOT = path.resolve(__dirname, '../..');
/** Inside the 2020 schemes' windows (POLICIES.md), a known working day. */
export const DEFAULT_BUSINESS_DATE = '2020-12-15';

export interface StackOptions {
  /** file-backed DynamoDB under this folder; in-memory when absent */
  dataDir?: string;
  ports: {
    dynamo: number;
    api: number;
    lambda: number;
    h5: number;
    treasury?: number;
    realName?: number;
    enterpriseRegistry?: number;
    /** the fake WeChat server of notices (订阅消息) and the SMS stub, with its inbox */
    wechat?: number;
  };
  tableName: string;
  sessionSecret: string;
  /** shared by the API and the fake treasury (orders and callbacks are signed); a fresh one per start when absent */
  treasurySecret?: string;
  /** SUBJECT_ID_KEY of this stack's data (≥ 32 chars); data keyed under another is rebuilt (see rebuildIfKeyedOtherwise) */
  subjectIdKey: string;
  businessDate?: string;
  /** the clock offset itself, when a caller pins the time of day too (the e2e suite: test/support/env.ts) */
  clockOffsetMs?: number;
  /** build the H5 client (skip when a build is already there, e.g. in e2e reruns) */
  buildClient: boolean;
  /** serve client/dist/h5 */
  serveClient: boolean;
  log?: (line: string) => void;
}

export interface Stack {
  api: string;
  h5: string | undefined;
  dynamoEndpoint: string;
  treasury: string;
  /** the fake real-name check (infra/fakes/real-name.ts) */
  realName: string;
  /** the fake enterprise verification (infra/fakes/enterprise-registry.ts) */
  enterpriseRegistry: string;
  /** the fake WeChat notices server: GET /__inbox lists what was delivered (infra/fakes/wechat.ts) */
  wechat: string;
  env: NodeJS.ProcessEnv;
  seeded: SeedSummary;
  stop(): Promise<void>;
}

/**
 * `osls` arguments that start the local API. `--noTimeout`: serverless-offline counts a
 * function's cold load (a fresh worker thread importing its bundle and the AWS SDK) against the
 * function's timeout, which Lambda does not (init is its own phase). On 2 busy CI cores a cold
 * load took over 10 s, and serverless-offline answered that timeout of an HTTP API route with
 * 200 and `{"errorMessage":"[504] - Lambda timeout."}` as the body, which the page could only
 * call a bad response (CI, loans e2e). The handlers still see the 10 s in
 * `getRemainingTimeInMillis`, so the scheduled jobs budget their time as on AWS.
 * test/package/offline-cold-load.test.ts reproduces both answers.
 */
export const OFFLINE_START = ['offline', 'start', '--noTimeout'] as const;

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  label: string,
  log: (l: string) => void,
): ChildProcess {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const print = (b: Buffer) =>
    b
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => log(`[${label}] ${line}`));
  child.stdout.on('data', print);
  child.stderr.on('data', print);
  return child;
}

export const exited = (child: ChildProcess): Promise<number> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));

/** Kills the whole process group: npx → osls → esbuild workers must all go. */
export async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await exited(child);
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`serverless-offline exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export async function buildH5(log: (l: string) => void): Promise<void> {
  // Relative API base: the static server proxies /v1, so the build is port-independent.
  const env = { ...process.env, TARO_APP_API: '/', NODE_ENV: 'production' };
  const build = run(
    'npx',
    ['taro', 'build', '--type', 'h5'],
    env,
    path.join(ROOT, 'client'),
    'h5',
    log,
  );
  if ((await exited(build)) !== 0) throw new Error('H5 build failed');
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const log = o.log ?? (() => undefined);
  const dynamo = await startDynamoLocal({
    dbPath: o.dataDir ? path.join(o.dataDir, 'dynamodb') : undefined,
    port: o.ports.dynamo,
  });
  // The caller's environment is borrowed only while starting and seeding, then given back:
  // a test runner must not pass the stack's switches (dev login, clock shift…) to other suites.
  const saved = { ...process.env };
  // s3rver accepts the signatures of the credentials present when it starts: the stack's fake ones
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const uploadsDir = o.dataDir
    ? path.join(o.dataDir, 'uploads')
    : mkdtempSync(path.join(tmpdir(), 'zhida-uploads-'));
  const s3 = await startLocalS3({ directory: uploadsDir });
  // Nothing signed outlives the stack, so a fresh secret per start is enough. The fake's
  // callbacks (mode `twice`, or `fake.deliver`) go to the API's own callback route.
  const treasurySecret = o.treasurySecret ?? randomBytes(32).toString('hex');
  const treasury = await startFakeTreasury({
    port: o.ports.treasury,
    secret: treasurySecret,
    callbackUrl: `http://localhost:${o.ports.api}/v1/treasury/callback`,
  });
  // real-name check for resident binding (modes: POST /__mode; a name containing 不符 mismatches)
  const realName = await startFakeRealName({ port: o.ports.realName ?? 0 });
  // enterprise verification for the legal representative's binding (same modes)
  const enterpriseRegistry = await startFakeEnterpriseRegistry({
    port: o.ports.enterpriseRegistry ?? 0,
  });
  // notices leave the outbox to this fake's inbox (issue 14)
  const wechat = await startFakeWeChatServer({ port: o.ports.wechat ?? 0 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: o.tableName,
    SESSION_SECRET: o.sessionSecret,
    SUBJECT_ID_KEY: o.subjectIdKey,
    DEV_LOGIN: 'on',
    WECHAT_MODE: 'fake',
    SCHEDULE_CLOCK_OVERRIDE: 'on', // a job may be invoked "as of" a later instant (see functions/_lib/schedule.ts)
    // the demo's runs write a grant's events and notice in its transaction, as before issue 16
    // (the notice-stream child would derive them too, once: AUTO_GRANT_RECORDS=stream works locally)
    AUTO_GRANT_RECORDS: process.env.AUTO_GRANT_RECORDS ?? 'inline',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    UPLOAD_BUCKET: s3.bucket,
    TREASURY_URL: treasury.url,
    REAL_NAME_URL: realName.url,
    ENTERPRISE_REGISTRY_URL: enterpriseRegistry.url,
    WECHAT_API_URL: wechat.url,
    SMS_URL: wechat.url,
    WECHAT_APP_ID: 'wx-local-demo',
    WECHAT_APP_SECRET: 'local-demo-secret',
    WECHAT_TEMPLATE_IDS: 'application_status=tpl-local-status,sla_digest=tpl-local-digest',
    WECHAT_MINIPROGRAM_STATE: 'developer',
    TREASURY_HMAC_SECRET: treasurySecret,
    ZHIDA_CLOCK_OFFSET_MS: String(
      o.clockOffsetMs ?? offsetToBusinessDate(o.businessDate ?? DEFAULT_BUSINESS_DATE),
    ),
    ZHIDA_HTTP_PORT: String(o.ports.api),
    ZHIDA_LAMBDA_PORT: String(o.ports.lambda),
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    TZ: 'Asia/Shanghai', // serverless-offline fires schedule crons in the process's time zone
  };
  Object.assign(process.env, env); // the seed runs in this process through the same repositories
  let offline: ChildProcess | undefined;
  let sender: ChildProcess | undefined;
  let server: Awaited<ReturnType<typeof serveClient>> | undefined;
  const stop = async () => {
    const serving = server;
    if (serving) await new Promise((r) => serving.close(r));
    if (offline) await killGroup(offline);
    if (sender) await killGroup(sender);
    await treasury.stop();
    await wechat.stop();
    await realName.stop();
    await enterpriseRegistry.stop();
    await s3.stop();
    await dynamo.stop();
  };
  try {
    const client = localClient(dynamo.endpoint);
    const table = await ensureTable(client, o.tableName);
    log(`table ${o.tableName}: ${table}`);
    if (
      table === 'existed' &&
      (await rebuildIfKeyedOtherwise(client, o.tableName, log)) === 'kept'
    ) {
      // facts kept from a version before the currentFacts index (issue 16): put them in it
      const indexed = await backfillCurrentFacts();
      if (indexed > 0) log(`currentFacts index: ${String(indexed)} existing facts indexed`);
    }
    const seeded = await seedDemo();
    await seedLoanDemo(); // issue 13: guarantee and bank officers, a loan at each stage
    // bootstrap of the budget lines (专账): each policy's budget for each year of its window,
    // so the admin's budget page has its lines before the first hourly 公示 close opens them
    await openPolicyBudgets();
    process.env = saved;
    if (o.buildClient) await buildH5(log);
    offline = run('npx', ['osls', ...OFFLINE_START, '--stage', 'local'], env, ROOT, 'api', log);
    // serverless-offline has no stream events: the notice sender reads DynamoDB Local's stream
    // with the same handler (infra/local/notice-stream.ts)
    sender = run('npx', ['tsx', 'infra/local/notice-stream.ts'], env, ROOT, 'notices', log);
    const api = `http://localhost:${o.ports.api}`;
    if (o.serveClient)
      server = await serveClient(path.join(ROOT, 'client/dist/h5'), o.ports.h5, api);
    await waitFor(`${api}/v1/health`, 180_000, offline);
    return {
      api,
      h5: o.serveClient ? `http://localhost:${o.ports.h5}/` : undefined,
      dynamoEndpoint: dynamo.endpoint,
      treasury: treasury.url,
      realName: realName.url,
      enterpriseRegistry: enterpriseRegistry.url,
      wechat: wechat.url,
      env,
      seeded,
      stop,
    };
  } catch (e) {
    process.env = saved;
    await stop();
    throw e;
  }
}
