/**
 * The 免申即享 run (DESIGN §4, §7): for every policy with mode auto|both inside its window,
 * every subject the feeds know — split into parallel-scan segments, processed
 * concurrently in-process (or one SQS message per segment on AWS) — is evaluated, and
 * a grant is created for each (policy, subject, period) the data proves.
 *
 * Exactly once, whatever happens:
 * - the grant id is derived from (policy, subject, period) and written with
 *   attribute_not_exists: a rerun, an overlapping run or a restarted run cannot create a
 *   second one (DUPLICATE → skipped `already_granted`);
 * - the grant takes the entitlement claim of (policy, subject, benefit period) in the same
 *   transaction: a benefit an application already holds (applied for, or paid) is not
 *   granted a second time — the subject is skipped `already_claimed`, counted, and the run
 *   goes on; a rerun skips it again the same way;
 * - a page's grants are written a group per transaction (GRANTS_PER_TRANSACTION, in parallel
 *   lanes): all or none, each item keeping its own condition; a group any condition cancels
 *   is written again grant by grant, so each collision is told apart and counted as before;
 * - a segment writes without first reading which grants exist until a write meets one (a
 *   first run never does); from then on it reads before writing, so a rerun sends one
 *   cancelled transaction per segment, not one per grant;
 * - with AUTO_GRANT_RECORDS=stream (AWS) the run writes one item per grant: its claim,
 *   carrying the grant (CLAIMS_PER_TRANSACTION to a transaction); the grant, its creation
 *   events and its notice follow from the table's stream, written once (grant-derive.ts).
 *   Since no grant key is written by the run, it always reads grant keys and claims before
 *   writing, so a grant that exists (even cancelled, its claim given back) is never written
 *   again, and a claim that carries this run's grant is counted as created after a crash;
 * - each segment resumes from its checkpoint (the scan cursor after the last page whose
 *   totals were recorded); a page interrupted after its grants were written is simply done
 *   again — its grants are found, and counted as created if this same run wrote them;
 * - a segment is done only when its last page's checkpoint says so, and the run completes
 *   when every segment is: nothing is missed by a crash, only redone.
 */
import { now as clockNow } from '../_lib/clock';
import type { FrozenFacts } from '../../shared/facts';
import { freezeFacts } from './frozen-facts';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SystemActor } from '../../shared/actor';
import {
  autoGrantPolicies,
  countClaimed,
  countCreated,
  countError,
  countExisting,
  evaluatePage,
  freshCandidates,
  grantPeriodOf,
  policyIdOf,
  type GrantCandidate,
} from '../../shared/auto-grant';
import { instantOf, localDateOf, type Instant } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import {
  deterministicId,
  makeNewId,
  type GrantId,
  type RunId,
  type SubjectId,
} from '../../shared/ids';
import type { Payee } from '../../shared/lifecycle/payable';
import { detectGrant } from '../../shared/lifecycle/grant';
import { maskText } from '../../shared/mask';
import { fen } from '../../shared/money';
import type { PolicyCatalogue, PolicyVersion } from '../../shared/policies';
import { policyCatalogue } from './catalogue';
import type { RunView, StartRunBody } from '../../shared/schemas/admin';
import { randomBytes } from 'node:crypto';
import { logger } from '../_lib/logger';
import { businessMetrics } from '../_lib/metrics';
import {
  indexedFactsCount,
  scanSubjects,
  type ScanCursor,
  type ScanPage,
} from '../repositories/facts';
import { segmentsFor } from '../../shared/scan-segments';
import { grantOutbox } from './grant-notices';
import { derivedOnStream } from './grant-derive';
import {
  existingGrants,
  payeesOnFile,
  saveGrant,
  saveNewGrants,
  type NewGrant,
} from '../repositories/grants';
import {
  claimItem,
  findClaim,
  findClaims,
  takeClaims,
  type ClaimWrite,
} from '../repositories/claims';
import { summarisePreview, type RunPreview } from '../../shared/run-preview';
import {
  checkpoint,
  completeIfDone,
  createRun,
  findRun,
  getSegment,
  isCheckpointLost,
  noteErrors,
  segmentsOf,
  type Delta,
  type RunRecord,
} from '../repositories/runs';
import { mapLimit, withRetry } from './retry';

const SYSTEM: SystemActor = { kind: 'system', job: 'auto-grant' };
const newId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });

/**
 * Parallel-scan segments of a run when the caller names none (the 政策沙盘, 政策找企业 and
 * population jobs use it too): sized by the currentFacts index, about three scan pages a
 * segment (shared/scan-segments.ts has the measurements). On AWS each segment is one SQS
 * message and one worker; DescribeTable's count is up to six hours old there, which only moves
 * how the work is split, never what is scanned. A run must not fail for want of a size.
 */
export async function defaultSegments(): Promise<number> {
  try {
    return segmentsFor(await indexedFactsCount());
  } catch (e) {
    logger.warn('run segments not sized: the index was not described', {
      error: (e as Error).name,
    });
    return segmentsFor(undefined);
  }
}

export interface SegmentHooks {
  /** called after a page's grants are written and before its checkpoint (fault tests crash here) */
  beforeCheckpoint?: (segment: number, page: number) => void | Promise<void>;
  /** called after each checkpoint */
  afterCheckpoint?: (segment: number, page: number, done: boolean) => void | Promise<void>;
}

export interface ProcessOptions {
  /** facts read per scan page (default SCAN_PAGE_FACTS: a page holds about a quarter as many subjects) */
  pageSize?: number;
  /** segments processed at once in-process */
  segmentConcurrency?: number;
  /** grant transactions in flight per segment */
  writeConcurrency?: number;
  /** grants per transaction (GRANTS_PER_TRANSACTION) */
  grantsPerTransaction?: number;
  /** checked between pages: an aborted run stops cleanly and resumes later from its checkpoints */
  signal?: AbortSignal;
  hooks?: SegmentHooks;
  now?: Date;
}

export function toRunView(r: RunRecord): RunView {
  return {
    id: r.id,
    asOf: r.asOf,
    policyIds: r.policyIds,
    status: r.status,
    dispatch: r.dispatch,
    segmentsTotal: r.totalSegments,
    segmentsDone: r.segmentsDone,
    totals: r.totals,
    lastErrors: r.lastErrors,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** The daily run's id: one per day, so a second trigger of the schedule resumes it. */
export const dailyRunId = (asOf: string): RunId => deterministicId('run', 'daily', asOf);
/** A run started with an Idempotency-Key: the same key resumes the same run. */
export const keyedRunId = (key: string): RunId => deterministicId('run', 'key', key);

/** The run's policies: each one's version in force on the run's date (a retired one drops out). */
function policiesOf(
  catalogue: PolicyCatalogue,
  run: Pick<RunRecord, 'policyIds' | 'asOf'>,
): PolicyVersion[] {
  return run.policyIds
    .map((id) => catalogue.inForce(id, run.asOf))
    .filter((p): p is PolicyVersion => p !== undefined);
}

/**
 * Creates (or finds) a run. `dispatch: 'queue'` publishes one message per unfinished
 * segment to SEGMENT_QUEUE_URL; in-process the caller then calls processRun.
 */
export async function startRun(
  body: StartRunBody & { runId?: RunId; dispatch?: 'in-process' | 'queue' },
  o: { now?: Date } = {},
): Promise<RunRecord> {
  const now = instantOf(o.now ?? clockNow());
  const asOf = body.asOf ?? localDateOf(now);
  const id = body.runId ?? newId('run');
  const policies = autoGrantPolicies((await policyCatalogue()).list(asOf), asOf, body.policyIds);
  // serverless-offline (IS_OFFLINE) has no queue: the segments run in-process there too.
  const dispatch =
    body.dispatch ??
    (process.env.SEGMENT_QUEUE_URL && !process.env.IS_OFFLINE ? 'queue' : 'in-process');
  await createRun({
    id,
    asOf,
    policyIds: policies.map((p) => p.id),
    totalSegments: body.totalSegments ?? (await defaultSegments()),
    dispatch,
    startedAt: now,
  });
  const run = await findRun(id);
  if (!run) throw new DomainError('NOT_FOUND', '批次不存在');
  if (run.status === 'running' && dispatch === 'queue') await enqueueSegments(run);
  if (run.status === 'running' && run.policyIds.length === 0) {
    // nothing to evaluate on this date: every segment is trivially done
    await processRun(run.id, { now: o.now });
    return (await findRun(id)) ?? run;
  }
  return run;
}

export async function enqueueSegments(run: RunRecord): Promise<void> {
  const url = process.env.SEGMENT_QUEUE_URL;
  if (!url) throw new Error('SEGMENT_QUEUE_URL is not set');
  const pending = (await segmentsOf(run.id)).filter((s) => !s.done);
  const sqs = new SQSClient({});
  for (let i = 0; i < pending.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: pending.slice(i, i + 10).map((s) => ({
          Id: String(s.segment),
          MessageBody: JSON.stringify({ runId: run.id, segment: s.segment }),
        })),
      }),
    );
  }
}

/** Processes every unfinished segment of a run in this process, a few at a time. */
export async function processRun(runId: RunId, o: ProcessOptions = {}): Promise<RunRecord> {
  const run = await findRun(runId);
  if (!run) throw new DomainError('NOT_FOUND', '批次不存在');
  if (run.status !== 'running') return run;
  const pending = (await segmentsOf(runId)).filter((s) => !s.done).map((s) => s.segment);
  await mapLimit(pending, o.segmentConcurrency ?? 4, async (segment) => {
    if (o.signal?.aborted) return;
    try {
      await evaluateSegment({ runId, segment }, o);
    } catch (e) {
      if (o.signal?.aborted) return;
      const message = maskText(e instanceof Error ? e.message : String(e));
      logger.error('segment failed; it resumes from its checkpoint on the next run', {
        runId,
        segment,
        error: message,
      });
      await noteErrors(runId, [`segment ${segment}: ${message}`]).catch(() => undefined);
    }
  });
  return (await findRun(runId)) ?? run;
}

/** Grants per TransactWriteItems inline: 10 × ≤ 5 items (grant, claim, events, notice; ≤ 100). */
export const GRANTS_PER_TRANSACTION = 10;
/**
 * On the stream, claims (each carrying its grant) per TransactWriteItems: measured on DynamoDB
 * Local, 25 a transaction write 1.15× as many as 10, and 50 no more than 25.
 */
export const CLAIMS_PER_TRANSACTION = 25;

/** A grant ready to save: as saveGrant writes it (inline), or only the claim that carries it (stream). */
type PreparedGrant = NewGrant & { carriedBy?: ClaimWrite };

/** The grant a candidate makes, as saved: with its claim (and inline, its events and notice). */
function prepareGrant(
  c: GrantCandidate,
  payee: Parameters<typeof detectGrant>[0]['payee'],
  now: Instant,
  /** the facts in force on the run's date: frozen with the grant as a hash and version references */
  frozenFacts: FrozenFacts | undefined,
  evaluatedOn: string | undefined,
  runId: RunId,
): PreparedGrant {
  const policyId = policyIdOf(c.policy.id);
  const t = detectGrant(
    {
      policyId,
      policyVersion: c.policy.version,
      subjectId: c.subjectId,
      period: grantPeriodOf(c.policy),
      claimPeriod: c.claimPeriod,
      department: c.policy.department,
      amountFen: fen(c.amountFen),
      capFen: fen(c.policy.capFen),
      publicityDays: c.policy.publicityDays,
      payee,
      frozenFacts,
      ...(evaluatedOn === undefined ? {} : { evaluatedOn }),
    },
    SYSTEM,
    now,
  );
  const ref = { policyId, subjectId: c.subjectId, period: c.claimPeriod };
  const holder = { kind: 'grant' as const, id: t.next.id };
  // On the stream (AWS): the claim, carrying the grant, is the only synchronous write; the
  // stream writes the grant, its creation events and its notice (grant-derive.ts). Else all
  // in this transaction.
  if (derivedOnStream())
    return {
      next: t.next,
      events: [],
      carriedBy: claimItem(ref, holder, now, { grant: t.next, runId }),
    };
  const claim = claimItem(ref, holder, now);
  return { next: t.next, events: t.events, with: [claim, ...grantOutbox(t.next, t.events, now)] };
}

/** A group of new grants in one transaction: their carrying claims, or grants as saveGrant writes them. */
async function saveGroup(group: readonly PreparedGrant[], runId: RunId, now: Instant) {
  const carried = group.flatMap((g) => (g.carriedBy ? [g.carriedBy] : []));
  if (carried.length > 0) await takeClaims(carried);
  const inline = group.filter((g) => !g.carriedBy);
  if (inline.length > 0) await saveNewGrants(inline, { runId, now });
}

/**
 * Which of these candidates' grants exist already, with the run that wrote each: the grant
 * records and, on the stream, the claims that carry a grant not yet written (a run that
 * crashed before the stream caught up). Also, on the stream, the candidates whose benefit
 * something else holds (an application): counted as already claimed without a write.
 */
async function existingFor(
  candidates: readonly GrantCandidate[],
): Promise<{ existing: Map<GrantId, { runId?: string }>; claimedElsewhere: Set<GrantId> }> {
  const claimedElsewhere = new Set<GrantId>();
  if (!derivedOnStream())
    return { existing: await existingGrants(candidates.map((c) => c.grantId)), claimedElsewhere };
  const [existing, claims] = await Promise.all([
    existingGrants(candidates.map((c) => c.grantId)),
    findClaims(
      candidates.map((c) => ({
        policyId: policyIdOf(c.policy.id),
        subjectId: c.subjectId,
        period: c.claimPeriod,
      })),
    ),
  ]);
  candidates.forEach((c, i) => {
    const claim = claims[i];
    if (claim === undefined || existing.has(c.grantId)) return;
    if (claim.holder.id === c.grantId) existing.set(c.grantId, { runId: claim.runId });
    else claimedElsewhere.add(c.grantId);
  });
  return { existing, claimedElsewhere };
}

/** One grant in its own transaction: its outcome, told apart by which condition failed. */
async function saveOne(
  g: PreparedGrant,
  runId: RunId,
  now: Instant,
): Promise<'created' | 'already_granted' | 'already_claimed'> {
  const { carriedBy } = g;
  try {
    await withRetry(() =>
      carriedBy
        ? takeClaims([carriedBy])
        : saveGrant(g.next, g.events, 'new', { runId, with: g.with, now }),
    );
    businessMetrics.grantCreated(g.next.amountFen);
    return 'created';
  } catch (e) {
    if (e instanceof DomainError && e.code === 'DUPLICATE') {
      // The grant's own key collided (already granted), or the claim is held by another item.
      const reason = (e.details as { reason?: string; holderId?: string } | undefined) ?? {};
      return reason.reason === 'ALREADY_CLAIMED' && reason.holderId !== g.next.id
        ? 'already_claimed'
        : 'already_granted';
    }
    throw e;
  }
}

/**
 * One segment, from its checkpoint to its end (or until aborted). Idempotent: a segment
 * already done returns at once; a second worker on the same segment loses the checkpoint
 * race and stops.
 */
export async function evaluateSegment(
  msg: { runId: RunId; segment: number },
  o: ProcessOptions = {},
): Promise<{ pages: number; done: boolean }> {
  const run = await findRun(msg.runId);
  if (!run) throw new DomainError('NOT_FOUND', '批次不存在');
  const catalogue = await policyCatalogue();
  const policies = policiesOf(catalogue, run);
  let seg = await getSegment(msg.runId, msg.segment);
  if (!seg) throw new DomainError('NOT_FOUND', '分段不存在', msg);
  let pages = 0;
  if (policies.length === 0 && !seg.done) {
    // nothing in its window on this date: the segment is done without reading a subject
    try {
      await withRetry(() =>
        checkpoint(msg.runId, msg.segment, seg?.pages ?? 0, undefined, {
          counters: {},
          skipped: {},
        }),
      );
    } catch (e) {
      if (!isCheckpointLost(e)) throw e;
    }
    seg = { ...seg, done: true };
  }
  const read = (cursor: ScanCursor | undefined): Promise<ScanPage> =>
    withRetry(() =>
      scanSubjects({
        segment: msg.segment,
        totalSegments: run.totalSegments,
        cursor,
        limit: o.pageSize,
      }),
    );
  // Issue 16: the next page is read while this one is evaluated and written (reads only, so
  // a crash or a lost checkpoint leaves nothing behind; a failed read fails the next turn).
  let ahead: Promise<ScanPage> | undefined;
  let collisionsSeen = false;
  while (!seg.done) {
    if (o.signal?.aborted) return { pages, done: false };
    const now = instantOf(o.now ?? clockNow());
    const fromPage: number = seg.pages;
    const page: ScanPage = await (ahead ?? read(seg.cursor));
    ahead = page.next === undefined ? undefined : read(page.next);
    ahead?.catch(() => undefined); // a failure is seen when awaited; never unhandled
    const delta: Delta = { counters: { subjectsScanned: page.subjects.length }, skipped: {} };
    const candidates = evaluatePage(page.subjects, policies, run.asOf, delta, catalogue.params);
    // Issue 16: inline, a segment reads which grants exist only once it has met one. A first
    // run never does, and skipping the read saves the engine a lookup per candidate; the
    // conditional writes, not this read, keep a grant from being written twice (a group that
    // meets an existing grant is cancelled and told apart in saveApart). On the stream the run
    // writes no grant key, so it always reads them first (consistent reads of grants and
    // claims cost the engine far less than the writes: measured, 76 against 76 claims/s):
    // a grant that exists, even one cancelled whose claim was given back, is not written again.
    const readBeforeWrite = collisionsSeen || derivedOnStream();
    const { existing, claimedElsewhere } = readBeforeWrite
      ? await existingFor(candidates)
      : { existing: new Map<GrantId, { runId?: string }>(), claimedElsewhere: new Set<GrantId>() };
    for (let i = 0; i < claimedElsewhere.size; i++) countClaimed(delta);
    const fresh = freshCandidates(
      candidates.filter((c) => !claimedElsewhere.has(c.grantId)),
      existing,
      msg.runId,
      delta,
    );
    const payees =
      fresh.length > 0
        ? await payeesOnFile(fresh.map((c) => c.subjectId))
        : new Map<SubjectId, Payee>();
    // Frozen by reference: the version records were written with the facts (putFacts), so a
    // grant adds no write for them, only a hash and one reference per source (issue 14).
    const factsOf = new Map(page.subjects.map((s) => [s.subjectId, s.facts]));
    const freeze = (c: GrantCandidate) => {
      const facts = factsOf.get(c.subjectId);
      return facts ? freezeFacts(facts, run.asOf, c.policy.version).frozen : undefined;
    };
    const errors: string[] = [];
    const collided: GrantCandidate[] = [];
    let fatal: unknown;
    // A rule or data error is this grant's alone: count it and go on. Anything else (the
    // table unreachable after retries) stops the page before its checkpoint, so the page
    // is redone on resume and no grant is missed.
    const failed = (c: GrantCandidate, e: unknown) => {
      if (!(e instanceof DomainError)) {
        fatal = e;
        return;
      }
      countError(delta);
      errors.push(maskText(`${c.grantId}: ${e.message}`));
    };
    const prepared: { c: GrantCandidate; g: PreparedGrant }[] = [];
    for (const c of fresh) {
      try {
        prepared.push({
          c,
          g: prepareGrant(c, payees.get(c.subjectId), now, freeze(c), run.asOf, msg.runId),
        });
      } catch (e) {
        failed(c, e);
      }
    }
    // Grants saved one by one (a group of one, or a cancelled group), each outcome told apart
    // by the condition that failed. A group cancelled on a page written without reading what
    // exists first has its existing grants read and counted (this run's or another's), and
    // from then on the segment reads before writing.
    const saveApart = async (
      group: readonly { c: GrantCandidate; g: PreparedGrant }[],
      cancelled: boolean,
    ) => {
      let rest = group;
      if (cancelled && !readBeforeWrite) {
        let found: Awaited<ReturnType<typeof existingGrants>>;
        try {
          found = await withRetry(() => existingGrants(group.map((p) => p.c.grantId)));
        } catch (e) {
          fatal = e; // the table unreachable: the page stops before its checkpoint, as above
          return;
        }
        if (found.size > 0) collisionsSeen = true;
        const fresh = new Set(
          freshCandidates(
            group.map((p) => p.c),
            found,
            msg.runId,
            delta,
          ),
        );
        rest = group.filter((p) => fresh.has(p.c));
      }
      for (const p of rest) {
        try {
          const r = await saveOne(p.g, msg.runId, now);
          if (r === 'created') countCreated(p.c, delta);
          else if (r === 'already_claimed') countClaimed(delta);
          else collided.push(p.c);
        } catch (e) {
          failed(p.c, e);
        }
      }
    };
    // Issue 16: the page's grants a group per transaction (all or none, each item still
    // conditional), groups in parallel lanes. A group that any condition cancels — a grant
    // that exists, a claim an application holds — is saved again one grant at a time, and
    // each one's outcome is counted as before.
    const size = Math.max(
      1,
      o.grantsPerTransaction ??
        (derivedOnStream() ? CLAIMS_PER_TRANSACTION : GRANTS_PER_TRANSACTION),
    );
    const groups = Array.from({ length: Math.ceil(prepared.length / size) }, (_, i) =>
      prepared.slice(i * size, (i + 1) * size),
    );
    await mapLimit(groups, o.writeConcurrency ?? 8, async (group) => {
      if (fatal !== undefined) return;
      if (group.length > 1) {
        try {
          await withRetry(() =>
            saveGroup(
              group.map((p) => p.g),
              msg.runId,
              now,
            ),
          );
          for (const p of group) {
            businessMetrics.grantCreated(p.g.next.amountFen);
            countCreated(p.c, delta);
          }
          return;
        } catch (e) {
          if (!(e instanceof DomainError)) {
            fatal = e;
            return;
          }
        }
      }
      await saveApart(group, group.length > 1);
    });
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the table client threw, as it was
    if (fatal !== undefined) throw fatal;
    if (collided.length > 0) {
      collisionsSeen = true;
      // Lost the conditional put to someone: another run (already granted), or another
      // worker of this very run on the same page (SQS redelivery) — then it is this run's
      // grant, counted by whichever of the two checkpoints the page.
      const { existing: owners } = await existingFor(collided);
      for (const c of collided) countExisting(c, owners.get(c.grantId), msg.runId, delta);
    }
    await o.hooks?.beforeCheckpoint?.(msg.segment, fromPage);
    try {
      await withRetry(() => checkpoint(msg.runId, msg.segment, fromPage, page.next, delta));
    } catch (e) {
      if (isCheckpointLost(e)) return { pages, done: false }; // another worker is ahead on this segment
      throw e;
    }
    if (errors.length > 0) await noteErrors(msg.runId, errors.slice(0, 5));
    pages++;
    seg = {
      ...seg,
      pages: fromPage + 1,
      cursor: page.next,
      done: page.next === undefined,
    };
    await o.hooks?.afterCheckpoint?.(msg.segment, fromPage, seg.done);
  }
  await completeIfDone(msg.runId, instantOf(o.now ?? clockNow()));
  return { pages, done: true };
}

/**
 * POST /v1/admin/runs:preview — what startRun with the same body would grant, written nowhere:
 * every subject is read (one scan) and evaluated as the run would; existing grants and
 * benefits an application holds are left out. The admin page shows its count and total and
 * asks for confirmation before starting.
 */
export async function previewRun(body: StartRunBody, o: { now?: Date } = {}): Promise<RunPreview> {
  const now = instantOf(o.now ?? clockNow());
  const asOf = body.asOf ?? localDateOf(now);
  const catalogue = await policyCatalogue();
  const policies = autoGrantPolicies(catalogue.list(asOf), asOf, body.policyIds);
  const tally: Delta = { counters: {}, skipped: {} };
  const toGrant: GrantCandidate[] = [];
  let alreadyClaimed = 0;
  let subjectsScanned = 0;
  if (policies.length > 0) {
    let cursor: Parameters<typeof scanSubjects>[0]['cursor'];
    do {
      const page = await scanSubjects({ segment: 0, totalSegments: 1, cursor });
      subjectsScanned += page.subjects.length;
      const candidates = evaluatePage(page.subjects, policies, asOf, tally, catalogue.params);
      const existing = await existingGrants(candidates.map((c) => c.grantId));
      const fresh = freshCandidates(candidates, existing, 'preview', tally);
      const claimed = await mapLimit(fresh, 8, (c) =>
        findClaim({
          policyId: policyIdOf(c.policy.id),
          subjectId: c.subjectId,
          period: c.claimPeriod,
        }),
      );
      fresh.forEach((c, i) => {
        if (claimed[i] === undefined) toGrant.push(c);
        else alreadyClaimed++;
      });
      cursor = page.next;
    } while (cursor);
  }
  return {
    asOf,
    subjectsScanned,
    ...summarisePreview(policies, toGrant),
    alreadyGranted: tally.skipped.already_granted ?? 0,
    alreadyClaimed,
  };
}
