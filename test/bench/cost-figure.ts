/**
 * Cost model figure (issue #16): what one subject and one grant cost in DynamoDB capacity and
 * Lambda time, measured on an in-memory DynamoDB Local with `ReturnConsumedCapacity: TOTAL`
 * on every call the repositories make (capacity.ts), and what a 5,000,000-subject province
 * run would cost and take on AWS from those figures (`provinceModel`, pure, prices below).
 *
 * 1. the subjects' facts are written as the feed import writes them (putFacts: BatchWriteItem)
 *    → write units per subject;
 * 2. an auto-grant run over every auto|both seed policy, each segment evaluated alone, one
 *    after another, as one Lambda invocation (`evaluateSegment`) would run it → read and write
 *    units per subject and per grant, wall and CPU milliseconds per segment;
 * 3. the grant deriver over the table's stream, as Lambda runs it (the run writes each grant's
 *    claim carrying it; the deriver writes the grant, its events and notice) → read and write
 *    units and wall milliseconds per grant.
 *
 * The later stages of a grant (account confirmation, 公示 close, payment, treasury answer)
 * are not run here (generated subjects have no accounts); the model counts them from their
 * transactions' items (LATER_STAGE_WRU_PER_GRANT, stated with the model).
 */
import { instantOf } from '../../shared/calendar';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { startBenchEngine } from './engine';
import { expectedGrants, loadFacts, RUN_NOW, TABLE, useEngine } from './auto-grant-figure';
import { BENCH_AS_OF } from './subjects';
import { countCapacity, type CapacityTally } from './capacity';
import { errorRow, type Row } from './table';

export interface CostOptions {
  subjects: number;
  log: (line: string) => void;
}

export const COST_DEFAULTS: CostOptions = { subjects: 10_000, log: () => undefined };

/** What the bench measured, per unit. */
export interface Measured {
  /** write units per subject to load its facts (feed import) */
  loadWruPerSubject: number;
  /** read and write units per subject of the auto-grant run (grants included) */
  runRruPerSubject: number;
  runWruPerSubject: number;
  /** write units per grant the run created (the run's writes ÷ its grants) */
  runWruPerGrant: number;
  /** grants per subject in the generated population */
  grantsPerSubject: number;
  /** Lambda wall milliseconds per subject of a segment (evaluateSegment alone) */
  lambdaMsPerSubject: number;
  /** the grant deriver on the stream, per grant: write and read units, Lambda wall milliseconds */
  deriveWruPerGrant: number;
  deriveRruPerGrant: number;
  deriveMsPerGrant: number;
}

/**
 * Prices and limits the model uses: AWS list prices for us-east-1 (N. Virginia), on-demand
 * DynamoDB after the 2024-11-01 price cut, Lambda arm64, as published in November 2024 and
 * not re-checked on the day of the run; the stack's default region ap-east-1 (Hong Kong)
 * lists higher prices, China regions bill in CNY: multiply by the region's ratio.
 */
export const PRICES = {
  asOf: '2024-11 (AWS list prices, us-east-1)',
  /** USD per million write request units, on-demand standard table */
  wruPerMillion: 0.625,
  /** USD per million read request units, on-demand standard table */
  rruPerMillion: 0.125,
  /** USD per GB-second, Lambda arm64 (first 6 billion GB-s tier) */
  lambdaGbSecond: 0.0000133334,
  /** USD per million Lambda requests */
  lambdaPerMillionRequests: 0.2,
  /** USD per million SQS standard requests (one send, one receive, one delete per segment) */
  sqsPerMillion: 0.4,
} as const;

export const LIMITS = {
  /** a new on-demand table serves up to 4,000 WRU/s at once; more only after it has scaled (or with warm throughput bought) */
  coldTableWruPerSecond: 4_000,
  /** the default per-table on-demand maximum (a quota; raised on request) */
  tableMaxWruPerSecond: 40_000,
  /** Lambda's default account concurrency in a region */
  lambdaConcurrency: 1_000,
  /** evaluateSegment's memory (serverless.yml provider default) */
  lambdaGb: 0.5,
  /** a segment must finish well inside Lambda's 900 s: sized to take about 5 minutes */
  segmentTargetSeconds: 300,
  /**
   * grant derivers at once: one Lambda per stream shard per ParallelizationFactor (10 in
   * serverless.yml); a new on-demand table's 4,000 WRU/s span 4 partitions, so 4 shards
   */
  deriverConcurrency: 4 * 10,
} as const;

/**
 * The stages after detection, per grant, counted from their transactions (2 WRU per item
 * written in a transaction, items ≤ 1 KB): account confirmation (grant, event, payee on file:
 * 3 items), 公示 close to payable with the budget reservation (grant, event, budget line: 3),
 * payment start (grant, event, payment, outbox: 4), treasury answer to paid (grant, event,
 * payment, budget line: 4) → 14 items × 2 WRU.
 */
export const LATER_STAGE_WRU_PER_GRANT = 28;

export interface ProvinceModel {
  subjects: number;
  grants: number;
  wru: number;
  rru: number;
  lambdaSeconds: number;
  segments: number;
  usd: { dynamoWrite: number; dynamoRead: number; lambda: number; sqs: number; total: number };
  /** minutes each limit allows the run to take at best; the largest binds */
  minutes: { coldTable: number; warmTable: number; lambda: number; deriver: number };
  binds:
    | 'table write throughput (cold on-demand table)'
    | 'Lambda concurrency'
    | 'stream deriver concurrency';
}

export function provinceModel(m: Measured, subjects = 5_000_000): ProvinceModel {
  const grants = Math.round(m.grantsPerSubject * subjects);
  const wru =
    subjects * (m.loadWruPerSubject + m.runWruPerSubject) +
    grants * (m.deriveWruPerGrant + LATER_STAGE_WRU_PER_GRANT);
  const rru = subjects * m.runRruPerSubject + grants * m.deriveRruPerGrant;
  const runSeconds = (subjects * m.lambdaMsPerSubject) / 1000;
  const deriverSeconds = (grants * m.deriveMsPerGrant) / 1000;
  const lambdaSeconds = runSeconds + deriverSeconds;
  const subjectsPerSegment = Math.max(
    1,
    Math.floor((LIMITS.segmentTargetSeconds * 1000) / Math.max(m.lambdaMsPerSubject, 1e-6)),
  );
  const segments = Math.ceil(subjects / subjectsPerSegment);
  const dynamoWrite = (wru / 1e6) * PRICES.wruPerMillion;
  const dynamoRead = (rru / 1e6) * PRICES.rruPerMillion;
  const lambda =
    lambdaSeconds * LIMITS.lambdaGb * PRICES.lambdaGbSecond +
    (segments / 1e6) * PRICES.lambdaPerMillionRequests;
  const sqs = ((segments * 3) / 1e6) * PRICES.sqsPerMillion;
  // the run's writes and the deriver's behind it on the stream (not the feed load, done
  // before) share the table's throughput: they are what the run's time is bound by
  const runWru = subjects * m.runWruPerSubject + grants * m.deriveWruPerGrant;
  const minutes = {
    coldTable: runWru / LIMITS.coldTableWruPerSecond / 60,
    warmTable: runWru / LIMITS.tableMaxWruPerSecond / 60,
    // segments run side by side up to the concurrency; fewer segments than that take one segment's time
    lambda: runSeconds / Math.min(LIMITS.lambdaConcurrency, segments) / 60,
    // the deriver follows the run on the stream, as many at once as shards × parallelization
    deriver: deriverSeconds / LIMITS.deriverConcurrency / 60,
  };
  const longest = Math.max(minutes.coldTable, minutes.lambda, minutes.deriver);
  return {
    subjects,
    grants,
    wru,
    rru,
    lambdaSeconds,
    segments,
    usd: { dynamoWrite, dynamoRead, lambda, sqs, total: dynamoWrite + dynamoRead + lambda + sqs },
    minutes,
    binds:
      minutes.coldTable === longest
        ? 'table write throughput (cold on-demand table)'
        : minutes.lambda === longest
          ? 'Lambda concurrency'
          : 'stream deriver concurrency',
  };
}

export interface CostResult {
  rows: Row[];
  measured?: Measured;
  model?: ProvinceModel;
  grants?: number;
  segments?: { wallMs: number[]; cpuMs: number[] };
}

const perUnit = (t: CapacityTally, n: number) => ({ read: t.read / n, write: t.write / n });

export async function costFigure(options: Partial<CostOptions> = {}): Promise<CostResult> {
  const o = { ...COST_DEFAULTS, ...options };
  const N = o.subjects;
  const log = o.log;
  const result: CostResult = { rows: [] };
  log(`cost: starting DynamoDB Local (in memory), ${N.toLocaleString('en-US')} subjects …`);
  const engine = await startBenchEngine();
  const restoreEnv = useEngine(engine);
  process.env.POWERTOOLS_METRICS_DISABLED = 'true'; // the run's EMF lines would flood the table
  try {
    await ensureTable(localClient(engine.endpoint), TABLE);
    const { seedCatalogue } = await import('../../functions/services/catalogue');
    await seedCatalogue(instantOf(RUN_NOW));
    const service = await import('../../functions/services/auto-grant');
    const { segmentsOf } = await import('../../functions/repositories/runs');
    const expected = expectedGrants(N);

    const capacity = countCapacity();
    await loadFacts(N, 6, log);
    const load = perUnit(capacity.tally, N);
    const loadCalls = { ...capacity.tally.calls };
    capacity.reset();

    const started = await service.startRun({ asOf: BENCH_AS_OF }, { now: RUN_NOW });
    const wallMs: number[] = [];
    const cpuMs: number[] = [];
    for (const s of await segmentsOf(started.id)) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      await service.evaluateSegment({ runId: started.id, segment: s.segment }, { now: RUN_NOW });
      const c = process.cpuUsage(c0);
      wallMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpuMs.push((c.user + c.system) / 1000);
    }
    const run = await service.processRun(started.id, { now: RUN_NOW }); // finishes the run's record
    const grants = run.totals.grantsCreated;
    result.grants = grants;
    result.segments = { wallMs, cpuMs };
    if (run.totals.subjectsScanned !== N || grants !== expected)
      throw new Error(
        `the run scanned ${String(run.totals.subjectsScanned)} of ${String(N)} subjects and created ${String(grants)} grants, ${String(expected)} expected`,
      );
    const runUnits = perUnit(capacity.tally, N);
    const runWrite = capacity.tally.write;
    const runCalls = { ...capacity.tally.calls };
    capacity.reset();
    const derive = await deriveCapacity(engine.endpoint, capacity.tally, grants);
    const totalWall = wallMs.reduce((a, b) => a + b, 0);
    const totalCpu = cpuMs.reduce((a, b) => a + b, 0);
    const measured: Measured = {
      loadWruPerSubject: load.write,
      runRruPerSubject: runUnits.read,
      runWruPerSubject: runUnits.write,
      runWruPerGrant: grants === 0 ? 0 : runWrite / grants,
      grantsPerSubject: grants / N,
      lambdaMsPerSubject: totalWall / N,
      ...derive,
    };
    result.measured = measured;
    const model = provinceModel(measured);
    result.model = model;
    result.rows.push(...costRows(measured, model, N, grants, { totalWall, totalCpu, wallMs }));
    const first = result.rows[0];
    if (first)
      first.note = `load calls ${JSON.stringify(loadCalls)}; run calls ${JSON.stringify(runCalls)}; deriver calls ${JSON.stringify(capacity.tally.calls)}`;
    capacity.stop();
  } catch (e) {
    result.rows.push(errorRow('cost.run-wru-subject', 'Cost', 'consumed capacity', e));
  } finally {
    restoreEnv();
    await engine.stop();
  }
  return result;
}

/**
 * The grant deriver over the run's stream records, one reader as in the auto-grant figure (on
 * AWS one Lambda per shard): its units per grant, counted on `tally`, and its wall time. A
 * deriver that leaves a grant unwritten is an error, not a cheaper figure.
 */
async function deriveCapacity(
  endpoint: string,
  tally: CapacityTally,
  grants: number,
): Promise<Pick<Measured, 'deriveWruPerGrant' | 'deriveRruPerGrant' | 'deriveMsPerGrant'>> {
  const { streamReader } = await import('../../infra/local/notice-stream');
  const { handler } = await import('../../functions/queue/grant-deriver/handler');
  const t0 = process.hrtime.bigint();
  const reader = await streamReader({ endpoint, tableName: TABLE, handler, from: 'TRIM_HORIZON' });
  await reader.poll();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const written = tally.calls.TransactWriteItems ?? 0;
  if (written < grants)
    throw new Error(
      `the deriver wrote ${String(written)} transactions for ${String(grants)} grants`,
    );
  const per = Math.max(grants, 1);
  return {
    deriveWruPerGrant: tally.write / per,
    deriveRruPerGrant: tally.read / per,
    deriveMsPerGrant: ms / per,
  };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

export function costRows(
  m: Measured,
  model: ProvinceModel,
  n: number,
  grants: number,
  t: { totalWall: number; totalCpu: number; wallMs: readonly number[] },
): Row[] {
  const per = `${n.toLocaleString('en-US')} subjects, ${grants.toLocaleString('en-US')} grants`;
  const row = (id: string, metric: string, value: number, unit: string, note?: string): Row => ({
    id,
    figure: 'Cost',
    metric,
    value,
    unit,
    met: null,
    status: 'ok',
    ...(note ? { note } : {}),
  });
  const segs = t.wallMs.length;
  return [
    row('cost.load-wru-subject', 'feed load: write units per subject', m.loadWruPerSubject, 'WRU'),
    row(
      'cost.run-rru-subject',
      `auto-grant run: read units per subject (${per})`,
      m.runRruPerSubject,
      'RRU',
    ),
    row(
      'cost.run-wru-subject',
      'auto-grant run: write units per subject',
      m.runWruPerSubject,
      'WRU',
    ),
    row('cost.run-wru-grant', 'auto-grant run: write units per grant', m.runWruPerGrant, 'WRU'),
    row(
      'cost.derive-wru-grant',
      'grant deriver on the stream: write units per grant',
      m.deriveWruPerGrant,
      'WRU',
      `the grant, its creation events and notice, the carried copy taken off its claim; ${m.deriveRruPerGrant.toFixed(2)} RRU and ${m.deriveMsPerGrant.toFixed(1)} ms wall per grant`,
    ),
    row(
      'cost.segment-ms',
      `Lambda ms per segment, one at a time (${String(segs)} segments of ~${String(Math.round(n / Math.max(segs, 1)))} subjects)`,
      t.totalWall / Math.max(segs, 1),
      'ms',
      `wall ${m.lambdaMsPerSubject.toFixed(2)} ms/subject, CPU ${(t.totalCpu / n).toFixed(2)} ms/subject (Node in this process; DynamoDB Local's answers are slower than AWS's, so wall is pessimistic)`,
    ),
    row(
      'cost.province-usd',
      `5,000,000-subject province run on AWS, USD (${PRICES.asOf})`,
      model.usd.total,
      'USD',
      `DynamoDB writes ${usd(model.usd.dynamoWrite)} (${(model.wru / 1e6).toFixed(1)} M WRU incl. feed load, the stream deriver and ${String(LATER_STAGE_WRU_PER_GRANT)} WRU/grant for confirm→paid), reads ${usd(model.usd.dynamoRead)} (${(model.rru / 1e6).toFixed(1)} M RRU), Lambda ${usd(model.usd.lambda)} (${Math.round(model.lambdaSeconds).toLocaleString('en-US')} s at ${String(LIMITS.lambdaGb)} GB, ${String(model.segments)} segments), SQS ${usd(model.usd.sqs)}; ${model.grants.toLocaleString('en-US')} grants`,
    ),
    row(
      'cost.province-minutes',
      '5,000,000-subject auto-grant run on AWS, minutes (the binding limit)',
      Math.max(model.minutes.coldTable, model.minutes.lambda, model.minutes.deriver),
      'min',
      `binds: ${model.binds}; cold on-demand table at ${LIMITS.coldTableWruPerSecond.toLocaleString('en-US')} WRU/s ${model.minutes.coldTable.toFixed(1)} min, scaled table at ${LIMITS.tableMaxWruPerSecond.toLocaleString('en-US')} WRU/s ${model.minutes.warmTable.toFixed(1)} min, Lambda at ${String(LIMITS.lambdaConcurrency)} concurrent ${model.minutes.lambda.toFixed(1)} min, stream deriver at ${String(LIMITS.deriverConcurrency)} concurrent ${model.minutes.deriver.toFixed(1)} min`,
    ),
  ];
}
