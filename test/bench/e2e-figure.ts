/**
 * End-to-end figure (issue #16: "100,000 subjects' feeds uploaded as files → auto-grant run →
 * 公示 closed (time-travelled) → disbursed to the fake treasury → all paid"), in one process
 * against a DynamoDB Local this figure starts and stops, through the services the local stack
 * runs (`npm start`: everything in-process, AUTO_GRANT_RECORDS=inline):
 *
 * 0. not timed: N subjects written as CSV feed files, one per source (test/bench/feed-files.ts,
 *    streamed), while the independent check (test/bench/e2e-check.ts, the policy text by hand)
 *    tallies who is owed what;
 * 1. import: each file through the real feed-import job (services/feed-import.ts: stream,
 *    validate, merge, BatchWriteItem on 8 lanes, checkpoints), read from local disk as the
 *    job reads it from s3rver locally (the PUT itself is not timed); and every subject's
 *    receiving account on file (社保卡 / 一卡通 accounts: the platform has no file import for
 *    them, so the bench writes them with the repository's own item, BatchWriteItem, 8 lanes);
 * 2. run: one 免申即享 run of every auto|both policy in force (startRun + processRun,
 *    default segments and concurrency);
 * 3. 公示 close: 财政 tops up each line by the run's granted total (追加, requested by one
 *    admin, approved by another), the platform clock (ZHIDA_CLOCK_OFFSET_MS) travels past
 *    the 5-day 公示, and the hourly job (closePublicityDue) runs until nothing is left;
 * 4. disburse: the 支付批次 a financeSignoff policy needs (created by an admin, approved by a
 *    财政局 level-2 reviewer, 98 items each), then the 5-minute job (disburseDue, draining
 *    within its time; issue #16) back to back until it starts nothing, paying through the
 *    HTTP treasury adapter into the local fake treasury (infra/fakes/treasury.ts, signed
 *    orders, answering paid);
 * 5. confirmations: reconciliation (status query of every open payment) until none is open.
 *
 * The check: paid grants and fen (read back from the table per policy, and the payments per
 * grant) against the independent tally; no grant with two paid payments, no order executed
 * twice by the fake.
 */
import { mkdtempSync, rmSync, createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import type { DynamoLocal } from '../../infra/local/dynamodb-local';
import { startBenchEngine } from './engine';
import { offsetToBusinessDate } from '../../functions/_lib/clock';
import type { AdminActor, ReviewerActor } from '../../shared/actor';
import { policyIdOf } from '../../shared/auto-grant';
import { instantOf } from '../../shared/calendar';
import type { PaymentBatchId, UserId } from '../../shared/ids';
import type { BudgetChangeId } from '../../shared/lifecycle/budget-change';
import { E2E_POLICIES, type Tally } from './e2e-check';
import { cardNumberFor, writeFeedFiles, type GeneratedFeeds } from './feed-files';
import { BENCH_AS_OF, subjectAt } from './subjects';
import { logEngineStderr, useEngine } from './auto-grant-figure';
import { BENCH_ENGINE_HEAP_MB } from './scale';
import { errorRow, ratioOf, type Row } from './table';

export const E2E_GOAL_MINUTES = 60;
export const E2E_GOAL_SUBJECTS = 100_000;
const DAY_MS = 86_400_000;
/** the seed policies' 公示: 5 natural days */
const PUBLICITY_DAYS = 5;

export const STAGES = ['import', 'run', 'close', 'disburse', 'confirm'] as const;
export type Stage = (typeof STAGES)[number];
const STAGE_LABELS: Record<Stage, string> = {
  import: 'feed files imported + accounts on file',
  run: '免申即享 run',
  close: '公示 closed (追加预算, time travel, hourly job)',
  disburse: '支付批次 + disburse to the fake treasury',
  confirm: 'confirmations (reconcile until no payment is open)',
};

export interface E2EOptions {
  subjects: number;
  /** file-backed DynamoDB Local under a temp dir (large N); in memory otherwise */
  onDisk?: boolean;
  log?: (line: string) => void;
}

export interface E2EPaid {
  grants: number;
  fen: number;
  byPolicy: Record<string, { grants: number; fen: number; notPaid: Record<string, number> }>;
  /** grants with more than one paid payment */
  paidTwice: number;
  /** payments of grants that are paid, counted from the payments */
  payments: number;
  paymentsFen: number;
  /** fake treasury orders executed more than once */
  executedTwice: number;
  treasuryFen: number;
}

export interface E2EResult {
  rows: Row[];
  expected?: Tally;
  paid?: E2EPaid;
  stages?: Record<Stage, number>;
  feeds?: GeneratedFeeds;
  /** disburse job invocations it took, back to back */
  disburseRuns?: number;
}

const admin = (n: number): AdminActor => ({
  kind: 'admin',
  userId: `usr_benchadmin${String(n)}` as UserId,
});
const FINANCE_L2: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_benchfinl2' as UserId,
  department: 'finance',
  level: 2,
};

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (n: number) => n.toLocaleString('en-US');

export async function e2eFigure(o: E2EOptions): Promise<E2EResult> {
  const log = o.log ?? (() => undefined);
  const N = o.subjects;
  const result: E2EResult = { rows: [] };
  const dir = mkdtempSync(path.join(tmpdir(), 'zhida-bench-e2e-'));
  let engine: DynamoLocal | undefined;
  let restoreEnv: (() => void) | undefined;
  let stopFake: (() => Promise<void>) | undefined;
  let resetTreasury: (() => void) | undefined;
  try {
    log(`e2e: writing ${fmt(N)} subjects as CSV feed files …`);
    const feeds = await writeFeedFiles(dir, N, BENCH_AS_OF, log);
    result.feeds = feeds;
    result.expected = feeds.owed;
    log(
      `e2e: ${String(feeds.files.length)} files, ${fmt(feeds.facts)} rows in ${feeds.seconds.toFixed(1)} s; the policy text owes ${fmt(feeds.owed.grants)} grants, ${fmt(feeds.owed.fen)} fen`,
    );

    engine = await startBenchEngine({
      heapMb: BENCH_ENGINE_HEAP_MB,
      ...(o.onDisk ? { dbPath: path.join(dir, 'db') } : {}),
    });
    restoreEnv = useEngine(engine);
    Object.assign(process.env, {
      // as `npm start` runs it: the run writes each grant's events and notice in its transaction
      AUTO_GRANT_RECORDS: 'inline',
      POWERTOOLS_METRICS_DISABLED: 'true', // the run's and the payments' EMF lines would flood the output
      ZHIDA_CLOCK_OFFSET_MS: String(offsetToBusinessDate(BENCH_AS_OF)),
      TREASURY_HMAC_SECRET:
        process.env.TREASURY_HMAC_SECRET ?? 'bench-treasury-secret-bench-treasury-secret',
    });
    // the services read the environment when first used: imported only now
    const { now: clockNow } = await import('../../functions/_lib/clock');
    const { seedCatalogue } = await import('../../functions/services/catalogue');
    const { createFeedJob, ZERO_COUNTS } = await import('../../functions/repositories/feed-jobs');
    const { feedKeyOf, runFeedImport } = await import('../../functions/services/feed-import');
    const { BatchWriter } = await import('../../functions/repositories/batch-writer');
    const { payeeOnFileItem, grantsOfPolicyPage } =
      await import('../../functions/repositories/grants');
    const { subjectIdOf } = await import('../../functions/repositories/subjects');
    const { startRun, processRun } = await import('../../functions/services/auto-grant');
    const { openCatalogueBudgets, closePublicityDue } =
      await import('../../functions/services/close-publicity');
    const { requestChange, approveChange } = await import('../../functions/services/budget');
    const { createPaymentBatch, approvePaymentBatch } =
      await import('../../functions/services/payment-batches');
    const { disburseDue, reconcile } = await import('../../functions/services/disburse');
    const { listPayments } = await import('../../functions/repositories/payments');
    const { httpTreasury, useTreasury } = await import('../../functions/adapters/treasury');
    const { startFakeTreasury } = await import('../../infra/fakes/treasury');
    const { DomainError } = await import('../../shared/errors');
    const { listPolicies } = await import('../../shared/policies');

    const client = localClient(engine.endpoint);
    await ensureTable(client, process.env.TABLE_NAME ?? 'zhida-bench');
    client.destroy();
    await seedCatalogue(instantOf(clockNow()));
    await openCatalogueBudgets();
    const fake = await startFakeTreasury({ mode: 'ok' });
    stopFake = () => fake.stop();
    useTreasury(httpTreasury(fake.url, 10_000));
    resetTreasury = () => {
      useTreasury(undefined);
    };
    const travel = (days: number) => {
      process.env.ZHIDA_CLOCK_OFFSET_MS = String(
        Number(process.env.ZHIDA_CLOCK_OFFSET_MS) + days * DAY_MS,
      );
    };

    const stages = {} as Record<Stage, number>;
    const tAll = process.hrtime.bigint();

    // ── 1. import ──
    let t = process.hrtime.bigint();
    let imported = 0;
    for (const [k, f] of feeds.files.entries()) {
      const id = `fjb_${(k + 1).toString(16).padStart(32, 'e')}`;
      await createFeedJob({
        id,
        status: 'awaiting_upload',
        fileName: path.basename(f.file),
        format: 'csv',
        sizeBytes: statSync(f.file).size,
        counts: ZERO_COUNTS,
        bytesRead: 0,
        checkpointLine: 0,
        rowsPerSecond: 0,
        createdAt: clockNow().toISOString(),
        attempts: 0,
        key: feedKeyOf(id),
        createdBy: admin(1).userId,
      });
      const view = await runFeedImport(id, {
        open: () => Promise.resolve(createReadStream(f.file)),
      });
      if (view.status !== 'done' || view.counts.accepted !== f.rows || view.counts.rejected > 0)
        throw new Error(
          `feed ${path.basename(f.file)}: ${view.status}, counts ${JSON.stringify(view.counts)} for ${String(f.rows)} rows`,
        );
      imported += view.counts.accepted;
      log(
        `e2e: imported ${path.basename(f.file)}: ${fmt(f.rows)} rows (${String(view.rowsPerSecond)} rows/s)`,
      );
    }
    const accounts = new BatchWriter(8);
    const at = clockNow().toISOString();
    for (let i = 0; i < N; i++) {
      const s = subjectAt(i);
      const market = s.facts.find((f) => f.source === 'market_registry');
      const name =
        market?.source === 'market_registry' ? market.values.name : `高台县居民${String(i)}`;
      const put = payeeOnFileItem(
        subjectIdOf(s.code),
        { accountName: name, bankName: '甘肃银行高台支行', accountNumber: cardNumberFor(i) },
        at,
      ).item.Put;
      if (!put?.Item) throw new Error('payeeOnFileItem is not a Put');
      await accounts.put(put.Item);
    }
    await accounts.flush();
    stages.import = seconds(t);
    log(`e2e: import ${stages.import.toFixed(1)} s (${fmt(imported)} facts, ${fmt(N)} accounts)`);

    // ── 2. the 免申即享 run ──
    t = process.hrtime.bigint();
    const started = await startRun({ asOf: BENCH_AS_OF });
    const run = await processRun(started.id);
    stages.run = seconds(t);
    log(
      `e2e: run ${run.status} in ${stages.run.toFixed(1)} s: ${fmt(run.totals.grantsCreated)} grants, ${fmt(run.totals.grantedFen)} fen, ${String(run.totals.errors)} errors`,
    );
    if (run.status !== 'completed' || run.totals.errors > 0)
      throw new Error(
        `run ${run.status}, ${String(run.totals.errors)} errors: ${run.lastErrors.join(' | ')}`,
      );

    // ── 3. 公示 closed ──
    t = process.hrtime.bigint();
    const fiscalYear = Number(BENCH_AS_OF.slice(0, 4));
    for (const policyId of run.policyIds) {
      const change = await requestChange(
        {
          kind: 'top_up',
          policyId,
          fiscalYear,
          amountFen: Math.max(1, run.totals.grantedFen),
          reason: '免申即享批量兑付：按本批次核定金额追加预算（基准测试）',
          documentNo: '高财预〔2020〕99号',
        },
        admin(1),
        clockNow(),
      );
      await approveChange(change.id as BudgetChangeId, admin(2), clockNow());
    }
    travel(PUBLICITY_DAYS + 1);
    const closed: Record<string, number> = {};
    for (let pass = 0; pass < 5; pass++) {
      const r = await closePublicityDue();
      for (const [k, v] of Object.entries(r.grants)) closed[k] = (closed[k] ?? 0) + v;
      if (!r.grants.payable && !r.grants.error) break;
    }
    stages.close = seconds(t);
    log(`e2e: 公示 closed in ${stages.close.toFixed(1)} s: ${JSON.stringify(closed)}`);

    // ── 4. disburse ──
    t = process.hrtime.bigint();
    let batches = 0;
    const signoffPolicies = listPolicies().filter(
      (p) => p.financeSignoff === true && run.policyIds.includes(p.id),
    );
    for (const p of signoffPolicies) {
      for (;;) {
        let batch;
        try {
          batch = await createPaymentBatch({ policyId: p.id }, admin(1), clockNow());
        } catch (e) {
          if (e instanceof DomainError && e.code === 'NOT_ELIGIBLE') break; // nothing left to batch
          throw e;
        }
        await approvePaymentBatch(
          batch.id as PaymentBatchId,
          { note: '同意拨付' },
          FINANCE_L2,
          clockNow(),
        );
        batches++;
      }
    }
    let disburseRuns = 0;
    const startedTally: Record<string, number> = {};
    for (;;) {
      const r = await disburseDue();
      disburseRuns++;
      for (const [k, v] of Object.entries(r.started)) startedTally[k] = (startedTally[k] ?? 0) + v;
      const moved = (r.started.sent ?? 0) + (r.started.unknown ?? 0) + (r.started.raced ?? 0);
      if (moved === 0 || disburseRuns > 10 + N / 100) break;
      if (disburseRuns % 10 === 0)
        log(`e2e: disburse run ${String(disburseRuns)}: ${JSON.stringify(startedTally)}`);
    }
    stages.disburse = seconds(t);
    result.disburseRuns = disburseRuns;
    log(
      `e2e: disburse ${stages.disburse.toFixed(1)} s: ${String(batches)} 支付批次, ${String(disburseRuns)} runs, ${JSON.stringify(startedTally)}`,
    );

    // ── 5. confirmations ──
    t = process.hrtime.bigint();
    const openPayments = async () => {
      let n = 0;
      for (const status of ['pending', 'paying'] as const) {
        let cursor: string | undefined;
        do {
          const page = await listPayments({ status, cursor, limit: 100 });
          n += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
      }
      return n;
    };
    let open = await openPayments();
    for (let pass = 0; open > 0 && pass < 20; pass++) {
      travel(1); // the next checks are due
      await reconcile();
      open = await openPayments();
    }
    stages.confirm = seconds(t);
    const totalSeconds = seconds(tAll);
    result.stages = stages;
    log(`e2e: confirmations ${stages.confirm.toFixed(1)} s, ${String(open)} payments open`);
    log(
      `e2e: total ${(totalSeconds / 60).toFixed(1)} min — ${STAGES.map((s) => `${s} ${((stages[s] / totalSeconds) * 100).toFixed(0)} %`).join(', ')}`,
    );

    // ── the check, read back from the table ──
    const paid: E2EPaid = {
      grants: 0,
      fen: 0,
      byPolicy: {},
      paidTwice: 0,
      payments: 0,
      paymentsFen: 0,
      executedTwice: 0,
      treasuryFen: fake.paidFen(),
    };
    for (const p of E2E_POLICIES) {
      const mine = { grants: 0, fen: 0, notPaid: {} as Record<string, number> };
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await grantsOfPolicyPage(policyIdOf(p), startKey, 100);
        for (const g of page.items) {
          if (g.status === 'paid') {
            mine.grants++;
            mine.fen += g.amountFen;
          } else mine.notPaid[g.status] = (mine.notPaid[g.status] ?? 0) + 1;
        }
        startKey = page.lastKey;
      } while (startKey);
      paid.byPolicy[p] = mine;
      paid.grants += mine.grants;
      paid.fen += mine.fen;
    }
    const paidPerGrant = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await listPayments({ status: 'paid', cursor, limit: 100 });
      for (const pay of page.items) {
        if (pay.itemKind !== 'grant') continue;
        paid.payments++;
        paid.paymentsFen += pay.amountFen;
        paidPerGrant.set(pay.itemId, (paidPerGrant.get(pay.itemId) ?? 0) + 1);
      }
      cursor = page.nextCursor;
    } while (cursor);
    for (const count of paidPerGrant.values()) if (count > 1) paid.paidTwice++;
    for (const order of fake.orders.values()) if (order.executions > 1) paid.executedTwice++;
    result.paid = paid;

    // ── rows ──
    const expected = feeds.owed;
    const minutes = totalSeconds / 60;
    const scaled = minutes * (E2E_GOAL_SUBJECTS / N);
    const perPolicy = E2E_POLICIES.map((p) => {
      const e = expected.byPolicy[p];
      const g = paid.byPolicy[p];
      const stuck = Object.entries(g?.notPaid ?? {})
        .map(([s, n]) => `${String(n)} ${s}`)
        .join(', ');
      return `${p} ${fmt(g?.grants ?? 0)}/${fmt(e.grants)}${stuck ? ` (not paid: ${stuck})` : ''}`;
    }).join('; ');
    const files = feeds.files
      .map((f) => `${path.basename(f.file, '.csv')} ${fmt(f.rows)}`)
      .join(', ');
    result.rows.push({
      id: 'e2e.total',
      figure: 'End to end',
      metric: `feeds → run → 公示 → disbursed → all paid (${fmt(N)} subjects)`,
      value: minutes,
      unit: 'min',
      reference: { label: 'scaled to 100,000', value: scaled, unit: 'min' },
      goal: `≤ ${String(E2E_GOAL_MINUTES)} min for ${fmt(E2E_GOAL_SUBJECTS)}`,
      met: scaled <= E2E_GOAL_MINUTES,
      status: 'ok',
      note: `${N === E2E_GOAL_SUBJECTS ? '' : `met judged on the time scaled linearly to 100,000; `}${fmt(feeds.facts)} feed rows in ${String(feeds.files.length)} CSV files (${files}), ${fmt(run.totals.grantsCreated)} grants, ${String(batches)} 支付批次, ${String(disburseRuns)} disburse runs back to back; DynamoDB Local ${o.onDisk ? 'on disk' : 'in memory'}; file generation (${feeds.seconds.toFixed(0)} s) not counted`,
    });
    for (const s of STAGES) {
      result.rows.push({
        id: `e2e.stage.${s}`,
        figure: 'End to end',
        metric: `stage: ${STAGE_LABELS[s]}`,
        value: stages[s],
        unit: 's',
        reference: { label: 'total', value: totalSeconds, unit: 's' },
        ratio: ratioOf(stages[s], totalSeconds),
        met: null,
        status: 'ok',
        note: `${((stages[s] / totalSeconds) * 100).toFixed(1)} % of the total`,
      });
    }
    // the schedule, not back to back: a run every 5 minutes pays for 250 s (infra/functions/money.yml)
    result.rows.push({
      id: 'e2e.disburse-schedule',
      figure: 'End to end',
      metric: 'disburse on its 5-minute schedule (250 s of paying a run): time to pay every grant',
      value: Math.ceil(stages.disburse / 250) * 5,
      unit: 'min',
      reference: { label: 'back to back here', value: stages.disburse / 60, unit: 'min' },
      met: null,
      status: 'ok',
      note: `${fmt(run.totals.grantsCreated)} grants: ${stages.disburse.toFixed(0)} s of paying ÷ 250 s a run (timeout 280 s − SAFETY_MS 30 s), rounded up to whole runs × 5 min`,
    });
    const missing = expected.grants - paid.grants;
    result.rows.push({
      id: 'e2e.missing',
      figure: 'End to end',
      metric: 'grants owed by the policy text but not paid (independent count − paid)',
      value: missing,
      unit: 'grants',
      reference: { label: 'owed (independent)', value: expected.grants, unit: 'grants' },
      goal: '= 0 missing',
      met: missing === 0,
      status: 'ok',
      note: `paid / owed per policy: ${perPolicy}; ${String(open)} payments still open`,
    });
    const fenGap = expected.fen - paid.fen;
    result.rows.push({
      id: 'e2e.fen',
      figure: 'End to end',
      metric: 'fen owed by the policy text − fen paid',
      value: fenGap,
      unit: 'fen',
      reference: { label: 'owed (independent)', value: expected.fen, unit: 'fen' },
      goal: '= 0',
      met: fenGap === 0 && paid.paymentsFen === paid.fen && paid.treasuryFen === paid.fen,
      status: 'ok',
      note: `paid grants ${fmt(paid.fen)} fen; their paid payments ${fmt(paid.paymentsFen)} fen; the fake treasury paid out ${fmt(paid.treasuryFen)} fen`,
    });
    const duplicated =
      paid.paidTwice + paid.executedTwice + Math.max(0, paid.payments - paid.grants);
    result.rows.push({
      id: 'e2e.duplicated',
      figure: 'End to end',
      metric: 'grants paid twice (payments per grant in the table, executions at the fake)',
      value: duplicated,
      unit: 'grants',
      reference: { label: 'paid payments', value: paid.payments, unit: '' },
      goal: '= 0 duplicated',
      met: duplicated === 0,
      status: 'ok',
      note: `${String(paid.paidTwice)} grants with > 1 paid payment, ${String(paid.executedTwice)} orders executed > 1 time, ${fmt(paid.payments)} paid payments for ${fmt(paid.grants)} paid grants`,
    });
  } catch (e) {
    result.rows.push(errorRow('e2e.total', 'End to end', 'feeds → … → all paid', e));
    if (engine) logEngineStderr(engine, log);
  } finally {
    resetTreasury?.();
    await stopFake?.();
    restoreEnv?.();
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
