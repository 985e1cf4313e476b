/**
 * API figure via serverless-offline (kept as its own labelled rows since issue #16; the
 * figure of our own code is api-inprocess.ts): latency through the local HTTP stack
 * (`startStack`: DynamoDB Local + serverless-offline running serverless.yml; no client
 * build, no static server), driven by autocannon's programmatic API at 20 connections:
 *
 * - POST /v1/applications: each request a distinct seeded applicant (persons eligible for
 *   startup-grant, logged in through the dev login) with its own Idempotency-Key, so every
 *   request creates and submits one application (201);
 * - reference, same client (autocannon), same connections, same count: raw DynamoDB
 *   PutItem of an item the size of a stored application, straight to the same engine;
 * - GET /v1/me/matches for the same applicants.
 *
 * These rows carry no goal. Issue #16 moved the p99 goal (≤ 3×) to the figure of our own code,
 * api-inprocess.post-p99, against the raw transaction the handler makes: what serverless-offline
 * adds (a worker thread per call, its own HTTP layer) is not ours and is not what AWS runs.
 */
import { createHash } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { freePort } from '../../infra/local/dynamodb-local';
import { startStack, type Stack } from '../../infra/local/stack';
import { personEmployment, povertyRegistry } from '../../shared/facts/examples';
import type { UserId } from '../../shared/ids';
import type { Subject } from '../../shared/subject';
import { idNumberFor } from './subjects';
import { errorRow, pendingRow, ratioOf, type Row } from './table';

export const API_P99_GOAL = 3;
const CONNECTIONS = 20;
// serverless.yml names the table zhida-${stage}; the stack runs stage local
const TABLE = 'zhida-local';

export interface ApiOptions {
  /** POST requests measured (each a distinct applicant), also the PutItem count */
  requests: number;
  /** GET /v1/me/matches requests measured */
  matchRequests: number;
  log: (line: string) => void;
  /** print every line of the stack's output (else only lines mentioning an error) */
  stackLog?: boolean;
}

export const API_DEFAULTS: ApiOptions = {
  requests: 1000,
  matchRequests: 2000,
  log: () => undefined,
};

interface Latency {
  p50: number;
  p99: number;
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

export interface ApiResult {
  rows: Row[];
  post?: Latency;
  putItem?: Latency;
  matches?: Latency;
}

function latencyOf(r: autocannon.Result): Latency {
  const statuses: Record<string, number> = {};
  // absent, whatever the types say, when no request completed
  const stats = r.statusCodeStats as autocannon.Result['statusCodeStats'] | undefined;
  for (const [code, s] of Object.entries(stats ?? {})) statuses[code] = s.count;
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    statuses,
  };
}

/** Runs exactly `amount` requests, each built by `make(i)`, over CONNECTIONS connections. */
async function cannon(
  url: string,
  amount: number,
  make: (i: number) => {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string;
  },
): Promise<Latency> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = make(i++);
          return {
            ...req,
            method: r.method,
            path: r.path,
            headers: r.headers,
            ...(r.body === undefined ? {} : { body: r.body }),
          };
        },
      },
    ],
  });
  return latencyOf(result);
}

/**
 * startup-grant's required materials (身份证、营业执照、银行卡). Since issue 14 the create path
 * checks each file in storage (HeadObject), so every applicant uploads its three files first
 * (POST /v1/uploads, then the signed PUT to the stack's s3rver), outside the measured requests.
 */
const MATERIALS = ['id_card', 'business_licence', 'bank_account'] as const;
const uploaded = new Map<number, { materialId: string; uploadId: string }[]>();

function materialsFor(i: number): { materialId: string; uploadId: string }[] {
  // the same applicant as the token auth(i) sends (tokens are used round-robin)
  const m = uploaded.get(i % uploaded.size);
  if (!m) throw new Error(`applicant ${String(i)} has no uploaded materials`);
  return m;
}

async function uploadMaterials(
  api: string,
  i: number,
  headers: Record<string, string>,
): Promise<void> {
  const out: { materialId: string; uploadId: string }[] = [];
  for (const materialId of MATERIALS) {
    const bytes = Buffer.from(`%PDF-1.4 bench ${String(i)} ${materialId}`);
    const ticket = await post(
      `${api}/v1/uploads`,
      {
        materialId,
        fileName: `${materialId}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('base64'),
      },
      headers,
    );
    if (ticket.status !== 201) throw new Error(`POST /v1/uploads: HTTP ${String(ticket.status)}`);
    const put = await fetch(ticket.json.url as string, {
      method: 'PUT',
      headers: ticket.json.headers as Record<string, string>,
      body: bytes,
    });
    if (put.status !== 200) throw new Error(`PUT upload: HTTP ${String(put.status)}`);
    out.push({ materialId, uploadId: ticket.json.uploadId as string });
  }
  uploaded.set(i, out);
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    json: (await res.json().catch(() => ({}))) as Record<string, unknown>,
  };
}

async function withEnv<T>(env: NodeJS.ProcessEnv, f: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await f();
  } finally {
    process.env = saved;
  }
}

/** Tries this many sets of free ports before giving up (see startOnFreePorts). */
const STACK_START_ATTEMPTS = 3;

/**
 * The local stack on four ports found free. A port found free can be taken before the stack
 * listens on it: the kernel hands out listening and outgoing ports from one range, and the
 * stack's own connections to DynamoDB Local open outgoing sockets meanwhile (the run of record
 * of 2026-11-30 03:02 lost this figure to "listen EADDRINUSE" on serverless-offline's port).
 * So a start that failed on a taken port is retried on new ones; any other failure is not.
 */
async function startOnFreePorts(o: ApiOptions, log: (line: string) => void): Promise<Stack> {
  for (let attempt = 1; ; attempt++) {
    const [dynamo, api, lambda, h5] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const seen = { portTaken: false }; // set from the stack's log
    try {
      return await startStack({
        ports: { dynamo, api, lambda, h5 },
        tableName: TABLE,
        sessionSecret: 'bench-secret-bench-secret-bench-secret-0',
        subjectIdKey: 'bench-subject-id-key-bench-subject-id-key-0',
        buildClient: false,
        serveClient: false,
        log: (line) => {
          if (line.includes('EADDRINUSE')) seen.portTaken = true;
          if (o.stackLog || /error|Error|ERROR/.test(line)) log(line.slice(0, 400));
        },
      });
    } catch (e) {
      if (!seen.portTaken || attempt === STACK_START_ATTEMPTS) throw e;
      log(
        `api: a port was taken before the stack listened on it; new ports (attempt ${String(attempt + 1)})`,
      );
    }
  }
}

/** Applicants eligible for startup-grant (a 2019 graduate, first business since 2019-07, operating 17 months). */
export async function seedApplicants(n: number, log: (l: string) => void): Promise<UserId[]> {
  const { putSubject, subjectIdOf } = await import('../../functions/repositories/subjects');
  const { putFacts } = await import('../../functions/repositories/facts');
  const { putUser } = await import('../../functions/repositories/users');
  const { putPayeeOnFile } = await import('../../functions/repositories/grants');
  const ids: UserId[] = [];
  const one = async (i: number) => {
    const code = idNumberFor(3_000_000 + i);
    const subjectId = subjectIdOf(code);
    const subject: Subject = {
      id: subjectId,
      kind: 'person',
      name: `压测申请人${i}`,
      idNumber: code,
      regionCode: '620724',
    };
    await putSubject(subject);
    await putFacts([
      personEmployment(
        {
          graduateOn: '2019-06-30',
          firstBusinessStartedOn: '2019-07-01',
          businessMonthsOperating: 17,
          businessOperatingNormally: true,
        },
        code,
      ),
      povertyRegistry({}, code),
    ]);
    const id = `usr_bench${String(i).padStart(5, '0')}` as UserId;
    await putUser({ id, name: `压测申请人${i}`, role: 'applicant', subjectId }, { dev: true });
    // a 社保卡 on file, so each application confirms it ({ source: 'profile' })
    await putPayeeOnFile(
      subjectId,
      {
        accountName: subject.name,
        bankName: '甘肃省农村信用社（社保卡）',
        accountNumber: '6230270123456780030',
      },
      '2020-01-01T00:00:00.000Z',
    );
    ids[i] = id;
  };
  for (let i = 0; i < n; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, n - i) }, (_, k) => one(i + k)));
    if (i % 500 === 0 && i > 0) log(`  seeded ${i} applicants`);
  }
  return ids;
}

async function loginAll(api: string, ids: readonly UserId[]): Promise<string[]> {
  const tokens: string[] = new Array<string>(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const r = await post(`${api}/v1/auth/login`, { devUserId: ids[i] });
      if (r.status !== 200 || typeof r.json.token !== 'string')
        throw new Error(
          `dev login of ${String(ids[i])}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`,
        );
      tokens[i] = r.json.token;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return tokens;
}

/** A DynamoDB PutItem request as autocannon can send it: DynamoDB Local does not check signatures. */
function putItemRequest(
  i: number,
  template: string,
): { method: string; path: string; headers: Record<string, string>; body: string } {
  const amzDate = '20201215T010000Z';
  return {
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.PutItem',
      'x-amz-date': amzDate,
      // the credential's key id and region pick DynamoDB Local's database: the stack's own
      authorization: `AWS4-HMAC-SHA256 Credential=local/20201215/ap-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
    },
    body: template.replace('__PK__', `BENCH#put#${String(i).padStart(8, '0')}`),
  };
}

/** One stored application item (raw attribute values) to size the PutItem reference on. */
async function applicationItemTemplate(stack: Stack, applicationId: string): Promise<string> {
  const client = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const out = await client.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: { PK: { S: `APP#${applicationId}` }, SK: { S: 'STATE' } },
      }),
    );
    const item = out.Item;
    if (!item)
      throw new Error(
        `application ${applicationId} not found in ${TABLE}: cannot size the PutItem reference`,
      );
    // keep the size, drop index keys (a raw PutItem writes the base table only)
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) copy[/(Pk|Sk)$/.test(k) ? `x_${k}` : k] = v;
    return JSON.stringify({
      TableName: TABLE,
      Item: { ...copy, PK: { S: '__PK__' }, SK: { S: 'STATE' } },
    });
  } finally {
    client.destroy();
  }
}

export async function apiFigure(options: Partial<ApiOptions> = {}): Promise<ApiResult> {
  const o = { ...API_DEFAULTS, ...options };
  const log = o.log;
  const result: ApiResult = { rows: [] };
  const pending = (why: string) => [
    pendingRow(
      'api.post-p99',
      'API',
      `POST /v1/applications p99 via serverless-offline (${CONNECTIONS} conn)`,
      'ms',
      undefined,
      why,
    ),
    pendingRow(
      'api.matches-p99',
      'API',
      `GET /v1/me/matches p99 via serverless-offline (${CONNECTIONS} conn)`,
      'ms',
      undefined,
      why,
    ),
  ];
  log('api: starting the local stack (DynamoDB Local + serverless-offline) …');
  let stack: Stack;
  try {
    stack = await startOnFreePorts(o, log);
  } catch (e) {
    result.rows.push(errorRow('api.post-p99', 'API', 'local stack', e));
    return result;
  }
  try {
    // Are the routes there yet? 401 (no token) means routed; 404 means not.
    const probe = await post(`${stack.api}/v1/applications`, {});
    const probeMatches = await fetch(`${stack.api}/v1/me/matches`);
    if (probe.status === 404 || probeMatches.status === 404) {
      result.rows.push(
        ...pending(
          `routes not served yet (POST /v1/applications → ${probe.status}, GET /v1/me/matches → ${probeMatches.status})`,
        ),
      );
      return result;
    }
    const warm = CONNECTIONS * 2;
    // The stack gives the caller's environment back after its own seed; seed ours the same way.
    const users = await withEnv(stack.env, () => seedApplicants(o.requests + warm, log));
    log(`api: seeded ${users.length} applicants; logging them in …`);
    const tokens = await loginAll(stack.api, users);
    const auth = (i: number) => ({ authorization: `Bearer ${String(tokens[i % tokens.length])}` });
    log('api: uploading each applicant’s three materials (not measured) …');
    for (let i = 0; i < users.length; i++) await uploadMaterials(stack.api, i, auth(i));
    const apply = (offset: number) => (i: number) => ({
      method: 'POST',
      path: '/v1/applications',
      headers: {
        'content-type': 'application/json',
        ...auth(offset + i),
        'idempotency-key': `bench-${offset + i}-${Date.now().toString(36)}`,
      },
      body: JSON.stringify({
        policyId: 'startup-grant',
        materials: materialsFor(offset + i),
        account: { source: 'profile' },
      }),
    });

    // One by hand first: a clear error beats 40 identical statuses.
    const first = apply(0)(0);
    const one = await post(`${stack.api}${first.path}`, JSON.parse(first.body), first.headers);
    if (one.status !== 201)
      throw new Error(
        `POST /v1/applications: HTTP ${one.status} ${JSON.stringify(one.json).slice(0, 300)}`,
      );
    // Warm-up (not measured): serverless-offline loads each handler on first use.
    log('api: warm-up …');
    const warmPost = await cannon(stack.api, warm - 1, (i) => apply(0)(i + 1));
    if (warmPost.non2xx > 0 || warmPost.errors > 0)
      throw new Error(
        `warm-up POSTs failed: ${JSON.stringify(warmPost.statuses)}, ${warmPost.errors} errors`,
      );
    await cannon(stack.api, warm, (i) => ({
      method: 'GET',
      path: '/v1/me/matches',
      headers: auth(i),
    }));
    const firstApp = await fetch(`${stack.api}/v1/applications`, { headers: auth(0) }).then(
      (r) => r.json() as Promise<{ items?: { id: string }[] }>,
    );
    const template = await applicationItemTemplate(stack, firstApp.items?.[0]?.id ?? 'none');
    await cannon(stack.dynamoEndpoint, warm, (i) => putItemRequest(-1 - i, template));

    // Measured, interleaved: POST, PutItem, matches.
    log(`api: POST /v1/applications × ${o.requests} …`);
    result.post = await cannon(stack.api, o.requests, apply(warm));
    log(`api: PutItem × ${o.requests} …`);
    result.putItem = await cannon(stack.dynamoEndpoint, o.requests, (i) =>
      putItemRequest(i, template),
    );
    log(`api: GET /v1/me/matches × ${o.matchRequests} …`);
    result.matches = await cannon(stack.api, o.matchRequests, (i) => ({
      method: 'GET',
      path: '/v1/me/matches',
      headers: auth(warm + i),
    }));

    const { post: p, putItem: put, matches: m } = result;
    const failed = (l: Latency) => l.non2xx > 0 || l.errors > 0;
    const statusNote = (l: Latency) =>
      `${l.total} requests, ${l.rps.toFixed(0)} req/s, statuses ${JSON.stringify(l.statuses)}`;
    if (failed(p) || failed(put)) {
      result.rows.push(
        errorRow(
          'api.post-p99',
          'API',
          `POST /v1/applications p99`,
          new Error(
            `non-2xx or errors: POST ${JSON.stringify(p.statuses)} ${p.errors} err; PutItem ${JSON.stringify(put.statuses)} ${put.errors} err`,
          ),
        ),
      );
    } else {
      const ratio50 = ratioOf(p.p50, put.p50);
      const ratio99 = ratioOf(p.p99, put.p99);
      result.rows.push(
        {
          id: 'api.post-p50',
          figure: 'API',
          metric: `POST /v1/applications p50 via serverless-offline (${CONNECTIONS} conn)`,
          value: p.p50,
          unit: 'ms',
          reference: { label: 'raw PutItem p50', value: put.p50, unit: 'ms' },
          ratio: ratio50,
          met: null,
          status: 'ok',
          note: `POST: ${statusNote(p)}; PutItem: ${statusNote(put)}, ${template.length} B request`,
        },
        {
          id: 'api.post-p99',
          figure: 'API',
          metric: `POST /v1/applications p99 via serverless-offline (${CONNECTIONS} conn)`,
          value: p.p99,
          unit: 'ms',
          reference: { label: 'raw PutItem p99', value: put.p99, unit: 'ms' },
          ratio: ratio99,
          met: null,
          status: 'ok',
          note: 'serverless-offline, labelled apart: the ≤ 3× goal is the in-process row (api-inprocess.post-p99)',
        },
      );
    }
    if (failed(m)) {
      result.rows.push(
        errorRow(
          'api.matches-p99',
          'API',
          'GET /v1/me/matches',
          new Error(`non-2xx or errors: ${JSON.stringify(m.statuses)}, ${m.errors} errors`),
        ),
      );
    } else {
      result.rows.push(
        {
          id: 'api.matches-p50',
          figure: 'API',
          metric: `GET /v1/me/matches p50 via serverless-offline (${CONNECTIONS} conn)`,
          value: m.p50,
          unit: 'ms',
          met: null,
          status: 'ok',
          note: statusNote(m),
        },
        {
          id: 'api.matches-p99',
          figure: 'API',
          metric: `GET /v1/me/matches p99 via serverless-offline (${CONNECTIONS} conn)`,
          value: m.p99,
          unit: 'ms',
          met: null,
          status: 'ok',
        },
      );
    }
  } catch (e) {
    result.rows.push(errorRow('api.post-p99', 'API', `POST /v1/applications`, e));
  } finally {
    log('api: stopping the stack …');
    await stack.stop();
  }
  return result;
}
