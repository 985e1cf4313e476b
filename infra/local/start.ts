/**
 * `npm start`: the whole platform on this machine (see stack.ts), data kept under .data/.
 * Ctrl-C stops every child. Flags: --no-client (skip the H5 build), --as-of YYYY-MM-DD | today.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_USERS } from './demo-data';
import { LOAN_DEMO_USERS } from './demo-loans';
import { DEFAULT_BUSINESS_DATE, ROOT, startStack, type Stack } from './stack';

const DATA = path.join(ROOT, '.data');
const PORTS = {
  dynamo: 8000,
  api: 3000,
  lambda: 3002,
  h5: 10086,
  treasury: 3100,
  realName: 3101,
  enterpriseRegistry: 3102,
  wechat: 3103,
};
const TABLE = 'zhida-local';

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

/** The local SUBJECT_ID_KEY, kept beside the data it keys; a new one makes npm start rebuild the data. */
function subjectIdKey(): string {
  const file = path.join(DATA, 'subject-id-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function welcome(stack: Stack, businessDate: string): string {
  return [
    '',
    '直达 Zhida 本地环境已就绪 / local stack is up',
    `  API:        ${stack.api}/v1   (health: ${stack.api}/v1/health)`,
    `  H5 客户端:  ${stack.h5 ?? '(skipped: --no-client)'}`,
    `  DynamoDB:   ${stack.dynamoEndpoint}  table ${TABLE}（数据保存在 .data/）`,
    `  模拟国库:   ${stack.treasury}（fake treasury gateway; POST /__mode {"mode":"fail"} to test failures）`,
    `  模拟实名核验: ${stack.realName}（fake real-name check; POST /__mode {"mode":"mismatch"}; a name containing 不符 mismatches）`,
    `  模拟企业核验: ${stack.enterpriseRegistry}（fake enterprise registry; same modes; a legal representative named …不符 mismatches）`,
    `  模拟微信消息: ${stack.wechat}/__inbox（fake WeChat 订阅消息 + SMS stub: what the notice sender delivered; POST /__mode {"failNext":3}）`,
    `  业务日期:   ${businessDate}（演示时钟，政策有效期内）`,
    `  演示数据:   ${stack.seeded.subjects} 个主体, ${stack.seeded.facts} 条事实, ${stack.seeded.users} 个演示账号`,
    '  演示账号 (dev login: POST /v1/auth/login {"devUserId": "…"}):',
    ...[...DEMO_USERS, ...LOAN_DEMO_USERS].map(
      (u) => `    ${u.id.padEnd(16)} ${u.role.padEnd(10)} ${u.name}`,
    ),
    '  按 Ctrl-C 停止 / Ctrl-C stops everything',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  // --as-of today: the real clock (no shift); the 2026 demo policies are in force on it
  const asOf = arg('--as-of');
  const businessDate =
    asOf === 'today' ? new Date().toISOString().slice(0, 10) : (asOf ?? DEFAULT_BUSINESS_DATE);
  const withClient = !process.argv.includes('--no-client');
  if (withClient) console.log('正在构建 H5 客户端（约 30 秒）…');
  const stack = await startStack({
    dataDir: DATA,
    ports: PORTS,
    tableName: TABLE,
    sessionSecret: sessionSecret(),
    subjectIdKey: subjectIdKey(),
    businessDate,
    buildClient: withClient,
    serveClient: withClient,
    log: (line) => console.log(line),
  });
  console.log(welcome(stack, businessDate));
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('正在停止…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error('启动失败 / start failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
