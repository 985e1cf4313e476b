/**
 * Issue #16 through the real handlers and a real S3-compatible store (s3rver): the admin
 * creates a feed job, PUTs a gzipped CSV with the pre-signed URL, the upload's Object Created
 * event (as EventBridge delivers it on AWS) runs the import, the job shows its progress, the
 * rejected rows download as a CSV with line numbers and Chinese reasons, and duplicate rows
 * are merged (the later row's values are stored, counted once as merged).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handler as createFeed } from '../../../functions/http/create-feed-import/handler';
import { handler as getFeed } from '../../../functions/http/get-feed-import/handler';
import { handler as getRejected } from '../../../functions/http/get-feed-rejected/handler';
import { handler as startFeed } from '../../../functions/http/start-feed-import/handler';
import { handler as importFeed } from '../../../functions/queue/import-feed/handler';
import { factsOf } from '../../../functions/repositories/facts';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import type { LocalS3 } from '../../../infra/local/s3';
import { usccFor } from '../../bench/subjects';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { adminToken, applicantToken } from '../money/support';
import { rowAt, writeFeed, type FeedTruth } from './generate';
import { objectCreated, startFeedStore } from './support';

jest.setTimeout(300_000);

const ROWS = 3_000;

describe('feed file import through the handlers', () => {
  let s3: LocalS3;
  let dir: string;
  let file: string;
  let truth: FeedTruth;
  let admin: string;

  beforeAll(async () => {
    await freshTable();
    admin = await adminToken();
    dir = mkdtempSync(path.join(tmpdir(), 'zhida-feed-'));
    s3 = await startFeedStore(dir);
    file = path.join(dir, '市场主体.csv.gz');
    truth = await writeFeed(file, { rows: ROWS, format: 'csv', gzip: true, keepNames: true });
  });
  afterAll(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a non-admin, a file over 1 GB and a file that is not CSV or JSON lines (403 / 400)', async () => {
    const { token } = await applicantToken(usccFor(1));
    const denied = await call(createFeed, 'POST /v1/admin/feeds', {
      token,
      body: { fileName: 'a.csv', sizeBytes: 10 },
    });
    expect(denied.status).toBe(403);
    const big = await call(createFeed, 'POST /v1/admin/feeds', {
      token: admin,
      body: { fileName: 'a.csv', sizeBytes: 1024 ** 3 + 1 },
    });
    expect(big.status).toBe(400);
    expect(JSON.stringify(big.body.error.details)).toContain('文件不能超过 1 GB');
    const xls = await call(createFeed, 'POST /v1/admin/feeds', {
      token: admin,
      body: { fileName: 'a.xlsx', sizeBytes: 10 },
    });
    expect(xls.status).toBe(400);
  });

  it('uploads with the pre-signed PUT, imports on the upload event, merges duplicates and reports invalid check characters by line', async () => {
    const size = statSync(file).size;
    const created = await call(createFeed, 'POST /v1/admin/feeds', {
      token: admin,
      body: { fileName: '市场主体.csv.gz', sizeBytes: size, feed: '市场监管局 2020-12' },
    });
    expect(created.status).toBe(201);
    const id = created.body.job.id as string;
    expect(created.body.job).toMatchObject({ status: 'awaiting_upload', format: 'csv' });

    const early = await call(startFeed, 'POST /v1/admin/feeds/{id}/start', {
      token: admin,
      params: { id },
    });
    expect(early.status).toBe(400);
    expect(early.body.error.details.reason).toBe('feed_not_uploaded');

    const put = await fetch(created.body.upload.url, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: readFileSync(file),
    });
    expect(put.status).toBe(200);

    const started = Date.now();
    await importFeed(objectCreated(`uploads/feeds/${id}`));
    const seconds = (Date.now() - started) / 1000;

    const status = await call(getFeed, 'GET /v1/admin/feeds/{id}', {
      token: admin,
      params: { id },
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      status: 'done',
      fileName: '市场主体.csv.gz',
      feed: '市场监管局 2020-12',
      checkpointLine: ROWS + 1, // the header is line 1
      counts: {
        rowsRead: ROWS,
        accepted: truth.accepted,
        rejected: truth.rejected,
        merged: truth.merged,
      },
    });
    expect(status.body.rowsPerSecond).toBeGreaterThan(0);
    console.log(
      `feed import with writes: ${String(ROWS)} rows in ${seconds.toFixed(1)} s (${String(status.body.rowsPerSecond)} rows/s)`,
    );

    // the later row wins: the stored name is the correction's
    for (const [code, name] of [...truth.mergedNames].slice(0, 3)) {
      const facts = await factsOf(subjectIdOf(code));
      expect(facts).toHaveLength(1);
      expect((facts[0]?.values as { name: string }).name).toBe(name);
    }

    const rejected = await call(getRejected, 'GET /v1/admin/feeds/{id}/rejected', {
      token: admin,
      params: { id },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.rows).toBe(truth.rejected);
    expect(rejected.body.fileName).toBe('市场主体-未通过校验的行.csv');
    const lines = (rejected.body.csv as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('行号,原因,原始内容');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(truth.badLines);
    expect(lines[1]).toMatch(/^8,"主体代码：统一社会信用代码校验位错误（应为 .）",".*坏码7/);
  });

  it('locally (serverless-offline, no S3 events) the start route runs the import in this process', async () => {
    const body = [
      '{"subjectId":"x"}',
      JSON.stringify(rowAt(1).fact),
      JSON.stringify(rowAt(2).fact),
    ].join('\n');
    const created = await call(createFeed, 'POST /v1/admin/feeds', {
      token: admin,
      body: { fileName: 'few.jsonl', sizeBytes: Buffer.byteLength(body) },
    });
    expect(created.status).toBe(201);
    const id = created.body.job.id as string;
    const put = await fetch(created.body.upload.url, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body,
    });
    expect(put.status).toBe(200);
    process.env.IS_OFFLINE = 'true';
    try {
      const started = await call(startFeed, 'POST /v1/admin/feeds/{id}/start', {
        token: admin,
        params: { id },
      });
      expect(started.status).toBe(202);
    } finally {
      delete process.env.IS_OFFLINE;
    }
    let status = await call(getFeed, 'GET /v1/admin/feeds/{id}', { token: admin, params: { id } });
    for (let i = 0; i < 100 && status.body.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await call(getFeed, 'GET /v1/admin/feeds/{id}', { token: admin, params: { id } });
    }
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      status: 'done',
      counts: { rowsRead: 3, accepted: 2, rejected: 1, merged: 0 },
    });
    const rejected = await call(getRejected, 'GET /v1/admin/feeds/{id}/rejected', {
      token: admin,
      params: { id },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.csv).toContain('1,"缺少字段：数据来源"');
  });

  it('a second upload event for a finished job changes nothing', async () => {
    const created = await call(createFeed, 'POST /v1/admin/feeds', {
      token: admin,
      body: { fileName: 'small.jsonl', sizeBytes: 2 },
    });
    expect(created.status).toBe(201);
    const id = created.body.job.id as string;
    const put = await fetch(created.body.upload.url, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: '\n\n',
    });
    expect(put.status).toBe(200);
    await importFeed(objectCreated(`uploads/feeds/${id}`));
    await importFeed(objectCreated(`uploads/feeds/${id}`));
    const status = await call(getFeed, 'GET /v1/admin/feeds/{id}', {
      token: admin,
      params: { id },
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'done', attempts: 1, counts: { rowsRead: 0 } });
  });
});
