/**
 * API figure of our own code (issue #16): the exported Lambda handlers called in this
 * process with API Gateway v2 events (test/support/http.ts builds them as the integration
 * tests do), no serverless-offline, against an in-memory DynamoDB Local this figure starts.
 *
 * - POST /v1/applications: 20 requests in flight, each a distinct seeded applicant
 *   (eligible for startup-grant) with its own Idempotency-Key: 201 each, one application
 *   created and submitted. Each applicant's three materials are "stored" beforehand in the
 *   in-process upload store (test/support/upload-store.ts): the HeadObject a request makes on
 *   AWS is not part of either side of the comparison.
 * - reference: the TransactWriteItems that request sent, captured on the wire from the first
 *   (unmeasured) request, replayed raw (the SDK's low-level client, no marshalling) at the same
 *   concurrency, the same count, every key made distinct per request so each one writes
 *   new items and every condition holds as it did for the handler.
 * - GET /v1/me/matches for the same applicants, 20 in flight.
 *
 * Goal on p99: POST ≤ 3× the raw transaction. Latency is per request, measured around the
 * handler call (hrtime), after a lead-in of one unmeasured request per caller on both sides
 * (`drive`); the 20 requests share this one Node process and its event loop,
 * where Lambda would give each its own: the figure is, if anything, pessimistic.
 */
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DynamoLocal } from '../../infra/local/dynamodb-local';
import { startBenchEngine } from './engine';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { instantOf } from '../../shared/calendar';
import type { UserId } from '../../shared/ids';
import { event } from '../support/http';
import { API_P99_GOAL, seedApplicants } from './api';
import { RUN_NOW, TABLE, useEngine } from './auto-grant-figure';
import { errorRow, ratioOf, type Row } from './table';

export const IN_PROCESS_CONCURRENCY = 20;

export interface InProcessOptions {
  /** POST requests measured (each a distinct applicant), also the raw transaction count */
  requests: number;
  /** GET /v1/me/matches requests measured */
  matchRequests: number;
  log: (line: string) => void;
}

export const IN_PROCESS_DEFAULTS: InProcessOptions = {
  requests: 1000,
  matchRequests: 2000,
  log: () => undefined,
};

export interface Latencies {
  p50: number;
  p99: number;
  count: number;
  failures: number;
  statuses: Record<string, number>;
  perSec: number;
  /** the first task that threw, if any */
  firstError?: string;
}

export interface InProcessResult {
  rows: Row[];
  post?: Latencies;
  transact?: Latencies;
  matches?: Latencies;
  /** the captured transaction: how many items, and its size on the wire */
  transaction?: { items: number; bytes: number; operations: string[] };
}

/** Nearest-rank percentile of the samples (ms). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/**
 * Runs `leadIn + amount` tasks, `concurrency` at a time, and measures the last `amount`: each
 * one's latency and status. The lead-in (task indices 0 … leadIn − 1) is run, not measured:
 * the first `concurrency` tasks start in the same instant and queue behind each other, a
 * burst no steady stream of callers makes. Measured at 1,000 POSTs that burst was 20 of the
 * 27 slowest requests (950–1,050 ms against a steady p95 of 620–860 ms), so it alone decided
 * the p99; with a lead-in of `concurrency` every measured task starts into a full pipeline,
 * the handler and its raw reference alike.
 */
export async function drive(
  amount: number,
  concurrency: number,
  task: (i: number) => Promise<number>,
  leadIn = 0,
): Promise<Latencies> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let firstError: string | undefined;
  let next = 0;
  let t0: bigint | undefined; // the first measured task's start
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= leadIn + amount) return;
      const s = process.hrtime.bigint();
      if (i >= leadIn) t0 ??= s;
      let status: number;
      try {
        status = await task(i);
      } catch (e) {
        status = 0;
        firstError ??= e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
      if (status < 200 || status >= 300) failures++;
      if (i < leadIn) continue;
      samples.push(Number(process.hrtime.bigint() - s) / 1e6);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, leadIn + amount) }, worker));
  const seconds = t0 === undefined ? Number.NaN : Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    count: samples.length,
    failures,
    statuses,
    perSec: samples.length / seconds,
    ...(firstError ? { firstError } : {}),
  };
}

type Handler = (e: ReturnType<typeof event>) => Promise<unknown>;

async function status(handler: Handler, e: ReturnType<typeof event>): Promise<number> {
  const res = (await handler(e)) as APIGatewayProxyStructuredResultV2;
  return res.statusCode ?? 0;
}

interface WireTransaction {
  TransactItems: {
    Put?: { Item: Record<string, { S?: string }> };
    Update?: { Key: Record<string, { S?: string }> };
    Delete?: { Key: Record<string, { S?: string }> };
    ConditionCheck?: { Key: Record<string, { S?: string }> };
  }[];
}

/**
 * The captured transaction with every item's partition key made distinct for request `i`: a
 * new item per request, as the handler's own (new application, its events, its claim …).
 */
export function distinctTransaction(
  wire: WireTransaction,
  i: number,
): TransactWriteItemsCommandInput {
  const copy = JSON.parse(JSON.stringify(wire)) as WireTransaction & {
    ClientRequestToken?: string;
  };
  // the SDK draws a fresh idempotency token per transaction, as it did for the handler's
  delete copy.ClientRequestToken;
  const tag = `BENCH#tx${String(i).padStart(8, '0')}#`;
  for (const t of copy.TransactItems) {
    const key = t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key;
    if (key?.PK?.S !== undefined) key.PK.S = tag + key.PK.S;
  }
  return copy as unknown as TransactWriteItemsCommandInput;
}

const CAPTURE = 'zhidaBenchCaptureTransaction';

/** A serialized request body as text (the SDK leaves a string or bytes). */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new Error(`unexpected request body ${typeof body}`);
}

export async function apiInProcessFigure(
  options: Partial<InProcessOptions> = {},
): Promise<InProcessResult> {
  const o = { ...IN_PROCESS_DEFAULTS, ...options };
  const log = o.log;
  const result: InProcessResult = { rows: [] };
  log('api (in-process): starting DynamoDB Local (in memory) …');
  let engine: DynamoLocal;
  try {
    engine = await startBenchEngine();
  } catch (e) {
    result.rows.push(errorRow('api-inprocess.post-p99', 'API', 'DynamoDB Local', e));
    return result;
  }
  const restoreEnv = useEngine(engine);
  const { offsetToBusinessDate } = await import('../../functions/_lib/clock');
  Object.assign(process.env, {
    ZHIDA_CLOCK_OFFSET_MS: String(offsetToBusinessDate('2020-12-15')),
    UPLOAD_BUCKET: 'zhida-bench-uploads',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const raw = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 5,
  });
  try {
    await ensureTable(localClient(engine.endpoint), TABLE);
    const { seedCatalogue } = await import('../../functions/services/catalogue');
    await seedCatalogue(instantOf(RUN_NOW));
    const { handler: createApplication } =
      await import('../../functions/http/create-application/handler');
    const { handler: listMatches } = await import('../../functions/http/list-matches/handler');
    const { signSession } = await import('../../functions/_lib/session');
    const { fakeUpload } = await import('../support/upload-store');
    const { db } = await import('../../functions/repositories/table');
    const { getSubjectIdOfUser } = await userLookup();

    const warm = IN_PROCESS_CONCURRENCY * 2;
    // each measured drive starts with a lead-in of one request per caller (see drive)
    const lead = IN_PROCESS_CONCURRENCY;
    const users: UserId[] = await seedApplicants(warm + lead + o.requests, log);
    log(`api (in-process): seeded ${users.length} applicants; signing sessions …`);
    const tokens: string[] = [];
    for (const id of users) {
      const subjectId = await getSubjectIdOfUser(id);
      tokens.push(
        (await signSession({ kind: 'applicant', userId: id, subjectId }, new Date())).token,
      );
    }
    const MATERIALS = ['id_card', 'business_licence', 'bank_account'];
    const materials = users.map(() => MATERIALS.map((m) => fakeUpload(m)));
    const stamp = Date.now().toString(36);
    const applyEvent = (i: number) =>
      event('POST /v1/applications', {
        token: tokens[i],
        headers: { 'idempotency-key': `bench-inproc-${String(i)}-${stamp}` },
        body: {
          policyId: 'startup-grant',
          materials: materials[i],
          account: { source: 'profile' },
        },
      });

    // The first request by hand, its TransactWriteItems captured on the wire.
    let wire: WireTransaction | undefined;
    const operations: string[] = [];
    db().middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { headers?: Record<string, string>; body?: unknown };
        const target = req.headers?.['x-amz-target'] ?? '';
        operations.push(target.replace(/^DynamoDB_\d+\./, ''));
        if (target.endsWith('.TransactWriteItems'))
          wire = JSON.parse(bodyText(req.body)) as WireTransaction;
        return next(args);
      },
      { step: 'build', name: CAPTURE, priority: 'low' },
    );
    const first = (await createApplication(applyEvent(0))) as APIGatewayProxyStructuredResultV2;
    db().middlewareStack.remove(CAPTURE);
    if (first.statusCode !== 201)
      throw new Error(
        `POST /v1/applications: HTTP ${String(first.statusCode)} ${String(first.body).slice(0, 300)}`,
      );
    if (!wire)
      throw new Error(
        `POST /v1/applications sent no TransactWriteItems (calls: ${operations.join(', ')})`,
      );
    const captured: WireTransaction = wire;
    result.transaction = {
      items: captured.TransactItems.length,
      bytes: JSON.stringify(captured).length,
      operations,
    };
    log(
      `api (in-process): one POST = ${operations.join(', ')}; its transaction ${captured.TransactItems.length} items, ${result.transaction.bytes} B`,
    );

    // Warm-up, not measured: module loads, JIT, the engine's first transactions.
    log('api (in-process): warm-up …');
    const warmPost = await drive(warm - 1, IN_PROCESS_CONCURRENCY, (i) =>
      status(createApplication, applyEvent(i + 1)),
    );
    if (warmPost.failures > 0)
      throw new Error(`warm-up POSTs failed: ${JSON.stringify(warmPost.statuses)}`);
    await drive(warm, IN_PROCESS_CONCURRENCY, (i) =>
      status(listMatches, event('GET /v1/me/matches', { token: tokens[i] })),
    );
    await drive(warm, IN_PROCESS_CONCURRENCY, async (i) => {
      await raw.send(new TransactWriteItemsCommand(distinctTransaction(captured, -1 - i)));
      return 200;
    });

    log(`api (in-process): POST /v1/applications × ${o.requests} …`);
    result.post = await drive(
      o.requests,
      IN_PROCESS_CONCURRENCY,
      (i) => status(createApplication, applyEvent(warm + i)),
      lead,
    );
    log(`api (in-process): raw TransactWriteItems × ${o.requests} …`);
    result.transact = await drive(
      o.requests,
      IN_PROCESS_CONCURRENCY,
      async (i) => {
        await raw.send(new TransactWriteItemsCommand(distinctTransaction(captured, i)));
        return 200;
      },
      lead,
    );
    log(`api (in-process): GET /v1/me/matches × ${o.matchRequests} …`);
    result.matches = await drive(
      o.matchRequests,
      IN_PROCESS_CONCURRENCY,
      (i) =>
        status(
          listMatches,
          event('GET /v1/me/matches', { token: tokens[(warm + i) % tokens.length] }),
        ),
      lead,
    );
    result.rows.push(...inProcessRows(result));
  } catch (e) {
    result.rows.push(
      errorRow('api-inprocess.post-p99', 'API', 'POST /v1/applications (in-process)', e),
    );
  } finally {
    raw.destroy();
    restoreEnv();
    await engine.stop();
  }
  return result;
}

async function userLookup(): Promise<{
  getSubjectIdOfUser: (id: UserId) => Promise<import('../../shared/ids').SubjectId>;
}> {
  const { getUser } = await import('../../functions/repositories/users');
  return {
    getSubjectIdOfUser: async (id) => {
      const user = await getUser(id);
      if (user.role !== 'applicant') throw new Error(`${id} is not a seeded applicant`);
      return user.subjectId;
    },
  };
}

const note = (l: Latencies) =>
  `${l.count} requests, ${l.perSec.toFixed(0)} req/s, statuses ${JSON.stringify(l.statuses)}`;

export function inProcessRows(r: InProcessResult): Row[] {
  const rows: Row[] = [];
  const c = IN_PROCESS_CONCURRENCY;
  const { post: p, transact: t, matches: m } = r;
  if (p && t) {
    if (p.failures > 0 || t.failures > 0) {
      rows.push(
        errorRow(
          'api-inprocess.post-p99',
          'API',
          'POST /v1/applications (in-process)',
          new Error(
            `failures: POST ${JSON.stringify(p.statuses)}; raw ${JSON.stringify(t.statuses)} ${t.firstError ?? p.firstError ?? ''}`,
          ),
        ),
      );
    } else {
      const ratio99 = ratioOf(p.p99, t.p99);
      rows.push(
        {
          id: 'api-inprocess.post-p50',
          figure: 'API',
          metric: `POST /v1/applications p50, in-process handler (${c} in flight)`,
          value: p.p50,
          unit: 'ms',
          reference: { label: 'raw TransactWriteItems p50', value: t.p50, unit: 'ms' },
          ratio: ratioOf(p.p50, t.p50),
          met: null,
          status: 'ok',
          note: `POST: ${note(p)}; raw: ${note(t)}; one POST = ${r.transaction?.operations.join(', ') ?? '?'}; its transaction ${String(r.transaction?.items)} items, ${String(r.transaction?.bytes)} B`,
        },
        {
          id: 'api-inprocess.post-p99',
          figure: 'API',
          metric: `POST /v1/applications p99, in-process handler (${c} in flight)`,
          value: p.p99,
          unit: 'ms',
          reference: { label: 'raw TransactWriteItems p99', value: t.p99, unit: 'ms' },
          ratio: ratio99,
          goal: `≤ ${API_P99_GOAL}× raw transaction`,
          met: ratio99 === null ? null : ratio99 <= API_P99_GOAL,
          status: 'ok',
        },
      );
    }
  }
  if (m) {
    if (m.failures > 0) {
      rows.push(
        errorRow(
          'api-inprocess.matches-p99',
          'API',
          'GET /v1/me/matches (in-process)',
          new Error(`failures: ${JSON.stringify(m.statuses)}`),
        ),
      );
    } else {
      rows.push(
        {
          id: 'api-inprocess.matches-p50',
          figure: 'API',
          metric: `GET /v1/me/matches p50, in-process handler (${c} in flight)`,
          value: m.p50,
          unit: 'ms',
          met: null,
          status: 'ok',
          note: note(m),
        },
        {
          id: 'api-inprocess.matches-p99',
          figure: 'API',
          metric: `GET /v1/me/matches p99, in-process handler (${c} in flight)`,
          value: m.p99,
          unit: 'ms',
          met: null,
          status: 'ok',
        },
      );
    }
  }
  return rows;
}
