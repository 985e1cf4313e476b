/**
 * Issue #16: a feed file fanned out by byte ranges (functions/services/feed-fanout.ts),
 * through the real code against DynamoDB Local. The range size is a parameter, so small
 * files give 4+ ranges:
 * - through the upload event's handler and a real S3-compatible store (ranged GETs): the
 *   same facts, counts and rejected line numbers as the file's truth (what the sequential
 *   import gives: import.test.ts);
 * - duplicates across ranges keep the LATER row whatever order the ranges run in, and are
 *   counted in `merged` once;
 * - a range worker killed mid-range and redelivered counts nothing twice, stores nothing
 *   twice; a redelivered finished range changes nothing; planning again changes nothing;
 * - a gzip file cannot be split: it is one range, the sequential job.
 */
import {
  createReadStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { handler as createFeed } from '../../../functions/http/create-feed-import/handler';
import { handler as getFeed } from '../../../functions/http/get-feed-import/handler';
import { handler as getRejected } from '../../../functions/http/get-feed-rejected/handler';
import { handler as importFeed } from '../../../functions/queue/import-feed/handler';
import { factsOf } from '../../../functions/repositories/facts';
import {
  feedRangesOf,
  findFeedJob,
  getFeedJob,
  type FeedJob,
  type FeedRangeRecord,
} from '../../../functions/repositories/feed-jobs';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { db, tableName } from '../../../functions/repositories/table';
import {
  runFeedRange,
  startFeedImport,
  type FanoutIo,
} from '../../../functions/services/feed-fanout';
import { marketRegistry } from '../../../shared/facts/examples';
import { factIdentity } from '../../../shared/schemas/facts-import';
import type { LocalS3 } from '../../../infra/local/s3';
import { usccFor } from '../../bench/subjects';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { adminToken } from '../money/support';
import { writeFeed } from './generate';
import { newFeedJob as newJob, objectCreated, startFeedStore } from './support';

jest.setTimeout(300_000);

async function countKind(kind: string, prefix?: string): Promise<number> {
  let n = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: prefix ? '#k = :k AND begins_with(PK, :p)' : '#k = :k',
        ExpressionAttributeNames: { '#k': 'kind' },
        ExpressionAttributeValues: { ':k': kind, ...(prefix ? { ':p': prefix } : {}) },
        ExclusiveStartKey: startKey,
      }),
    );
    n += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return n;
}

/** The file on disk as the store: ranged reads like S3's. */
const fileIo = (file: string, o: Partial<FanoutIo> = {}): FanoutIo => ({
  size: () => Promise.resolve(statSync(file).size),
  open: (_job, span) =>
    Promise.resolve(
      span
        ? createReadStream(file, { start: span.start, end: span.end - 1, highWaterMark: 512 })
        : createReadStream(file),
    ),
  ...o,
});

/** The span's bytes, breaking with an error after `limit` bytes: the worker dying under it. */
function breakingAfter(file: string, span: { start: number; end: number }, limit: number) {
  let sent = 0;
  return Readable.from(
    (async function* () {
      for await (const chunk of createReadStream(file, {
        start: span.start,
        end: span.end - 1,
        highWaterMark: 256,
      })) {
        const b = chunk as Buffer;
        if (sent + b.length > limit) {
          yield b.subarray(0, limit - sent);
          throw new Error('ECONNRESET: the worker died');
        }
        sent += b.length;
        yield b;
      }
    })(),
  );
}

/**
 * A JSON-lines feed whose duplicates sit in different ranges: subjects 1–50 on lines 1–50
 * (line 20 is not JSON), subject 5 again on line 30 and line 55, subjects 1–10 again on
 * lines 51–60 with a corrected name, and subject 1 a third time on line 61 (with 51: a
 * repeat within the last range).
 */
function crossRangeFeed(file: string) {
  const rows: string[] = [];
  const named = (subject: number, name: string) =>
    marketRegistry({ name }, usccFor(100_000 + subject));
  for (let i = 1; i <= 50; i++) {
    if (i === 20) rows.push('{"not json');
    else if (i === 30) rows.push(JSON.stringify(named(5, '中间5')));
    else rows.push(JSON.stringify(named(i, `企业${String(i)}`)));
  }
  for (let i = 1; i <= 10; i++) rows.push(JSON.stringify(named(i, `更正${String(i)}`)));
  rows.push(JSON.stringify(named(1, '再更正1')));
  writeFileSync(file, `${rows.join('\n')}\n`);
  // the truth, counted here: the last row of each identity wins
  const last = new Map<string, { code: string; name: string; lines: number[] }>();
  let accepted = 0;
  rows.forEach((text, i) => {
    if (text.startsWith('{"not')) return;
    accepted++;
    const f = JSON.parse(text) as ReturnType<typeof named>;
    const id = factIdentity(f);
    const seen = last.get(id);
    last.set(id, {
      code: f.subjectId,
      name: (f.values as { name: string }).name,
      lines: [...(seen?.lines ?? []), i + 1],
    });
  });
  return {
    counts: { rowsRead: rows.length, accepted, rejected: 1, merged: accepted - last.size },
    distinct: last.size,
    last,
  };
}

const rangeOfLine = (ranges: readonly FeedRangeRecord[], line: number) =>
  [...ranges].reverse().find((r) => r.firstLine <= line)?.index;

describe('a feed file fanned out by byte ranges', () => {
  let dir: string;

  beforeAll(async () => {
    await freshTable();
    dir = mkdtempSync(path.join(tmpdir(), 'zhida-feed-fanout-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('through the upload event and ranged GETs: 4+ ranges give the exact counts, the later rows and the rejected line numbers', async () => {
    const s3: LocalS3 = await startFeedStore(dir);
    try {
      const ROWS = 2_000;
      const file = path.join(dir, '市场主体.csv');
      const truth = await writeFeed(file, { rows: ROWS, format: 'csv', keepNames: true });
      const size = statSync(file).size;
      const admin = await adminToken();
      const created = await call(createFeed, 'POST /v1/admin/feeds', {
        token: admin,
        body: { fileName: '市场主体.csv', sizeBytes: size },
      });
      expect(created.status).toBe(201);
      const id = created.body.job.id as string;
      const put = await fetch(created.body.upload.url, {
        method: 'PUT',
        headers: created.body.upload.headers,
        body: readFileSync(file),
      });
      expect(put.status).toBe(200);

      process.env.FEED_RANGE_BYTES = String(Math.floor(size / 5));
      const started = Date.now();
      try {
        await importFeed(objectCreated(`uploads/feeds/${id}`));
      } finally {
        delete process.env.FEED_RANGE_BYTES;
      }
      const seconds = (Date.now() - started) / 1000;

      const status = await call(getFeed, 'GET /v1/admin/feeds/{id}', {
        token: admin,
        params: { id },
      });
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({
        status: 'done',
        checkpointLine: ROWS + 1, // the header is line 1, read once by every range
        bytesRead: size,
        attempts: 1,
        counts: {
          rowsRead: ROWS,
          accepted: truth.accepted,
          rejected: truth.rejected,
          merged: truth.merged,
        },
      });
      expect(status.body.ranges).toBeGreaterThanOrEqual(4);
      console.log(
        `feed import fanned out: ${String(ROWS)} rows in ${String(status.body.ranges)} ranges, ${seconds.toFixed(1)} s (${String(Math.round(ROWS / seconds))} rows/s, 4 ranges at once)`,
      );
      expect(status.body.rangesDone).toBe(status.body.ranges);
      expect(status.body.rowsPerSecond).toBeGreaterThan(0);
      expect(status.body).not.toHaveProperty('header');

      for (const [code, name] of truth.mergedNames) {
        const facts = await factsOf(subjectIdOf(code));
        expect(facts).toHaveLength(1);
        expect((facts[0]?.values as { name: string }).name).toBe(name);
      }
      expect(await countKind('fact')).toBe(truth.distinct);
      const rejected = await call(getRejected, 'GET /v1/admin/feeds/{id}/rejected', {
        token: admin,
        params: { id },
      });
      expect(rejected.status).toBe(200);
      const lines = (rejected.body.csv as string)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(truth.badLines);
      expect(lines[1]).toMatch(/^8,"主体代码：统一社会信用代码校验位错误（应为 .）",".*坏码7/);
    } finally {
      await s3.stop();
    }
  });

  it('duplicates across ranges keep the later row even when the later range runs first, and are merged once', async () => {
    const file = path.join(dir, 'cross.jsonl');
    const truth = crossRangeFeed(file);
    const id = 'fjb_' + 'c'.repeat(32);
    await newJob(id, file, 'cross.jsonl');
    const sent: number[][] = [];
    const io = fileIo(file, {
      rangeBytes: Math.floor(statSync(file).size / 6),
      dispatch: (_job, ranges) => {
        sent.push(ranges.map((r) => r.index));
        return Promise.resolve();
      },
    });
    await startFeedImport(id, io);
    const ranges = await feedRangesOf(id);
    expect(ranges.length).toBeGreaterThanOrEqual(4);
    expect(sent).toEqual([ranges.map((r) => r.index)]);
    // subject 5 is in three ranges, subject 1 in two (twice in the last)
    const five = [...truth.last.values()].find((v) => v.lines.includes(55));
    expect(new Set(five?.lines.map((l) => rangeOfLine(ranges, l))).size).toBe(3);
    // a second upload event (planning again) sends nothing and changes no range
    await startFeedImport(id, io);
    expect(sent).toHaveLength(1);
    expect(await feedRangesOf(id)).toEqual(ranges);

    const { dispatch: _queue, ...worker } = io;
    for (const r of [...ranges].reverse()) {
      expect((await getFeedJob(id)).status).toBe('running');
      await runFeedRange(id, r.index, { ...worker, checkpointEvery: 4 });
    }
    const job = await getFeedJob(id);
    expect(job).toMatchObject({ status: 'done', counts: truth.counts, checkpointLine: 61 });
    for (const { code, name } of truth.last.values()) {
      const facts = await factsOf(subjectIdOf(code));
      expect(facts).toHaveLength(1);
      expect((facts[0]?.values as { name: string }).name).toBe(name);
    }
    expect(await countKind('feed-rejected-row', `FEED#${id}`)).toBe(1);
  });

  it('a range killed mid-range and redelivered counts and stores nothing twice; a redelivered finished range changes nothing', async () => {
    const file = path.join(dir, 'crash.jsonl');
    const truth = crossRangeFeed(file);
    const id = 'fjb_' + 'd'.repeat(32);
    await newJob(id, file, 'crash.jsonl');
    const queue: FeedRangeRecord[] = [];
    const io = fileIo(file, {
      rangeBytes: Math.floor(statSync(file).size / 5),
      checkpointEvery: 3,
      dispatch: (_job, ranges) => {
        queue.push(...ranges);
        return Promise.resolve();
      },
    });
    await startFeedImport(id, io);
    const { dispatch: _queue, ...worker } = io;
    const last = queue.at(-1);
    if (!last) throw new Error('no ranges');
    expect(queue.length).toBeGreaterThanOrEqual(4);

    // the last range (the corrections) dies after ~70% of its bytes, past a checkpoint
    const limit = Math.floor((last.end - last.start) * 0.7);
    await expect(
      runFeedRange(id, last.index, {
        ...worker,
        open: (_job, span) => Promise.resolve(breakingAfter(file, span ?? last, limit)),
      }),
    ).rejects.toThrow(/worker died/);
    const crashed = (await feedRangesOf(id)).find((r) => r.index === last.index);
    expect(crashed?.status).toBe('running');
    expect(crashed?.checkpointLine).toBeGreaterThan(0);
    // the job holds exactly what the range's checkpoint covers
    expect((await getFeedJob(id)).counts).toEqual(crashed?.counts);

    // redelivered (a new worker); then redelivered again once finished: nothing moves
    await runFeedRange(id, last.index, worker);
    const finished = { job: await findFeedJob(id), ranges: await feedRangesOf(id) };
    expect(finished.job?.rangesDone).toBe(1);
    await runFeedRange(id, last.index, worker);
    expect({ job: await findFeedJob(id), ranges: await feedRangesOf(id) }).toEqual(finished);
    // then the other ranges
    for (const r of queue.slice(0, -1)) await runFeedRange(id, r.index, worker);
    const done = await getFeedJob(id);
    expect(done).toMatchObject({ status: 'done', counts: truth.counts });
    for (const { code, name } of truth.last.values()) {
      const facts = await factsOf(subjectIdOf(code));
      expect((facts[0]?.values as { name: string }).name).toBe(name);
    }
    expect(await countKind('feed-rejected-row', `FEED#${id}`)).toBe(1);

    // every range redelivered once more: the job and the ranges stay as they are
    const before = { job: await findFeedJob(id), ranges: await feedRangesOf(id) };
    for (const r of queue) await runFeedRange(id, r.index, worker);
    await startFeedImport(id, io);
    expect({ job: await findFeedJob(id), ranges: await feedRangesOf(id) }).toEqual(before);
  });

  it('mid-way through a fanned-out import, after a range checkpoint, the job view shows rows/s > 0', async () => {
    const file = path.join(dir, 'speed.jsonl');
    crossRangeFeed(file);
    const id = 'fjb_' + 'f'.repeat(32);
    await newJob(id, file, 'speed.jsonl');
    const queue: FeedRangeRecord[] = [];
    const io = fileIo(file, {
      rangeBytes: Math.floor(statSync(file).size / 5),
      checkpointEvery: 3,
      dispatch: (_job, ranges) => {
        queue.push(...ranges);
        return Promise.resolve();
      },
    });
    await startFeedImport(id, io);
    const { dispatch: _queue, ...worker } = io;
    const [first] = queue;
    if (!first) throw new Error('no ranges');
    const admin = await adminToken();
    const before = await call(getFeed, 'GET /v1/admin/feeds/{id}', {
      token: admin,
      params: { id },
    });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ status: 'running', rowsPerSecond: 0 });

    // the hook: a range whose deadline has passed stops right after its first checkpoint
    const deadline = new AbortController();
    deadline.abort();
    await expect(
      runFeedRange(id, first.index, { ...worker, signal: deadline.signal }),
    ).rejects.toThrow(/not finished/);
    const mid = await call(getFeed, 'GET /v1/admin/feeds/{id}', { token: admin, params: { id } });
    expect(mid.status).toBe(200);
    expect(mid.body).toMatchObject({ status: 'running', counts: { rowsRead: 3 } });
    expect(mid.body.rowsPerSecond).toBeGreaterThan(0);
  });

  it('a gzip file cannot be split: one range, the sequential job with its checkpoints', async () => {
    const file = path.join(dir, 'market.jsonl.gz');
    const truth = await writeFeed(file, { rows: 1_500, format: 'jsonl', gzip: true });
    const id = 'fjb_' + 'e'.repeat(32);
    await newJob(id, file, 'market.jsonl.gz');
    const dispatched: number[] = [];
    const job: FeedJob | undefined = await startFeedImport(
      id,
      fileIo(file, {
        rangeBytes: 1_000, // far below the file's size: it would be cut if it could be
        dispatch: (_j, ranges) => {
          dispatched.push(ranges.length);
          return Promise.resolve();
        },
      }),
    ).then(() => findFeedJob(id));
    expect(dispatched).toEqual([]);
    expect(job?.ranges).toBeUndefined();
    expect(job).toMatchObject({
      status: 'done',
      checkpointLine: 1_500,
      counts: {
        rowsRead: 1_500,
        accepted: truth.accepted,
        rejected: truth.rejected,
        merged: truth.merged,
      },
    });
    expect(await feedRangesOf(id)).toEqual([]);
  });
});
