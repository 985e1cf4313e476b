/**
 * `npm start`: the whole platform on this machine.
 * DynamoDB Local (file-backed under .data/) → table → demo data → the HTTP API and the
 * schedules through serverless-offline (same serverless.yml as AWS) → the H5 client.
 * Ctrl-C stops every child. Flags: --no-client (skip the H5 build), --as-of YYYY-MM-DD.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { offsetToBusinessDate } from '../../functions/_lib/clock';
import { ensureTable, localClient } from './bootstrap';
import { DEMO_USERS } from './demo-data';
import { startDynamoLocal } from './dynamodb-local';
import { seedDemo } from './seed';
import { serveStatic } from './static-server';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.join(ROOT, '.data');
const PORTS = { dynamo: 8000, api: 3000, lambda: 3002, h5: 10086 };
const TABLE = 'zhida-local';
/** Inside the 2020 schemes' windows (POLICIES.md), a known working day. */
const DEFAULT_BUSINESS_DATE = '2020-12-15';

const children: ChildProcess[] = [];
const stops: (() => Promise<unknown>)[] = [];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Kept under .data/ so sessions survive a restart, like the data does. */
function sessionSecret(): string {
  const file = path.join(DATA, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT, label = cmd): ChildProcess {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line: string) => line && console.log(`[${label}] ${line}`);
  child.stdout?.on('data', (b: Buffer) => b.toString().split('\n').forEach(prefix));
  child.stderr?.on('data', (b: Buffer) => b.toString().split('\n').forEach(prefix));
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function buildClient(api: string): Promise<void> {
  console.log('正在构建 H5 客户端（约 30 秒）…');
  const build = run('npx', ['taro', 'build', '--type', 'h5'], { ...process.env, TARO_APP_API: api, NODE_ENV: 'production' }, path.join(ROOT, 'client'), 'h5');
  if ((await exited(build)) !== 0) throw new Error('H5 build failed');
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const businessDate = arg('--as-of') ?? DEFAULT_BUSINESS_DATE;
  const dynamo = await startDynamoLocal({ dbPath: path.join(DATA, 'dynamodb'), port: PORTS.dynamo });
  stops.push(() => dynamo.stop());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: TABLE,
    SESSION_SECRET: sessionSecret(),
    DEV_LOGIN: 'on',
    ZHIDA_CLOCK_OFFSET_MS: String(offsetToBusinessDate(businessDate)),
    ZHIDA_HTTP_PORT: String(PORTS.api),
    ZHIDA_LAMBDA_PORT: String(PORTS.lambda),
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    TZ: 'Asia/Shanghai', // serverless-offline fires schedule crons in the process's time zone
  };
  Object.assign(process.env, env);
  console.log(`DynamoDB Local: ${dynamo.endpoint} (数据保存在 .data/dynamodb)`);
  console.log(`数据表 ${TABLE}: ${await ensureTable(localClient(dynamo.endpoint), TABLE)}`);
  const seeded = await seedDemo();
  console.log(`演示数据: ${seeded.subjects} 个主体, ${seeded.facts} 条事实, ${seeded.users} 个演示账号`);

  const api = `http://localhost:${PORTS.api}`;
  if (!process.argv.includes('--no-client')) {
    await buildClient(api);
    const server = await serveStatic(path.join(ROOT, 'client/dist/h5'), PORTS.h5);
    stops.push(() => new Promise((r) => server.close(r)));
  }
  const offline = run('npx', ['osls', 'offline', 'start', '--stage', 'local'], env, ROOT, 'api');
  void exited(offline).then((code) => {
    console.error(`serverless-offline exited (${code})`);
    void shutdown(1);
  });
  await waitFor(`${api}/v1/health`, 120_000);
  printWelcome(api, businessDate, !process.argv.includes('--no-client'));
}

function printWelcome(api: string, businessDate: string, client: boolean): void {
  const lines = [
    '',
    '直达 Zhida 本地环境已就绪 / local stack is up',
    `  API:        ${api}/v1   (health: ${api}/v1/health)`,
    client ? `  H5 客户端:  http://localhost:${PORTS.h5}/` : '  H5 客户端:  (skipped: --no-client)',
    `  DynamoDB:   http://localhost:${PORTS.dynamo}  table ${TABLE}`,
    `  业务日期:   ${businessDate}（演示时钟，政策有效期内）`,
    '  演示账号 (dev login, POST /v1/auth/login {"devUserId": "..."}):',
    ...DEMO_USERS.map((u) => `    ${u.id.padEnd(16)} ${u.role.padEnd(10)} ${u.name}`),
    '  按 Ctrl-C 停止 / Ctrl-C stops everything',
    '',
  ];
  console.log(lines.join('\n'));
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? exited(c) : Promise.resolve(c.exitCode))));
  for (const stop of stops.reverse()) await stop();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((e: unknown) => {
  console.error('启动失败 / start failed:', e instanceof Error ? e.message : e);
  void shutdown(1);
});
