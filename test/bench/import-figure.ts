/**
 * The feed import figure (issue #16): a generated feed file (gzipped CSV, market_registry
 * rows with planted duplicates and bad check characters, test/integration/feeds/generate.ts)
 * imported by the real job — gunzip, parse, validate, merge, BatchWriteItem on 8 lanes,
 * checkpoints — into DynamoDB Local, in items written per second (a row is two items: its
 * current fact and that fact's version), beside the raw BatchWriteItem ceiling of the same
 * engine with copies of a stored fact item, 8 requests in flight as the job's lanes.
 * A second row gives the stream path alone (no writes) over a larger file: what a faster
 * store would leave as the bound.
 */
import { mkdtempSync, rmSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { startBenchEngine } from './engine';
import { createFeedJob, ZERO_COUNTS } from '../../functions/repositories/feed-jobs';
import { feedKeyOf, runFeedImport } from '../../functions/services/feed-import';
import { BatchWriter } from '../../functions/repositories/batch-writer';
import { writeFeed } from '../integration/feeds/generate';
import { batchWriteCeiling } from './auto-grant-figure';
import { errorRow, ratioOf, type Row } from './table';

const TABLE = 'zhida-bench';
export const IMPORT_GOAL = 0.6;

export interface ImportFigureOptions {
  /** rows written to DynamoDB Local */
  rows: number;
  /** rows of the stream-only measurement */
  streamRows: number;
  ceilingMs: number;
  log?: (line: string) => void;
}

async function newJob(id: string, file: string, format: 'csv' | 'jsonl'): Promise<void> {
  await createFeedJob({
    id,
    status: 'awaiting_upload',
    fileName: path.basename(file),
    format,
    sizeBytes: statSync(file).size,
    counts: ZERO_COUNTS,
    bytesRead: 0,
    checkpointLine: 0,
    rowsPerSecond: 0,
    createdAt: new Date().toISOString(),
    attempts: 0,
    key: feedKeyOf(id),
    createdBy: 'usr_bench',
  });
}

async function oneFact(client: DynamoDBClient) {
  const out = await client.send(
    new ScanCommand({
      TableName: TABLE,
      FilterExpression: '#k = :f',
      ExpressionAttributeNames: { '#k': 'kind' },
      ExpressionAttributeValues: { ':f': { S: 'fact' } },
    }),
  );
  const item = out.Items?.[0];
  if (!item) throw new Error('no fact item stored');
  return item;
}

export async function importFigure(o: ImportFigureOptions): Promise<Row[]> {
  const log = o.log ?? (() => undefined);
  const dir = mkdtempSync(path.join(tmpdir(), 'zhida-bench-feed-'));
  const engine = await startBenchEngine();
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint,
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: TABLE,
    SUBJECT_ID_KEY: process.env.SUBJECT_ID_KEY ?? 'bench-subject-id-key-bench-subject-id-key-0',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
  });
  const rows: Row[] = [];
  try {
    const client = localClient(engine.endpoint);
    await ensureTable(client, TABLE);
    const file = path.join(dir, 'market.csv.gz');
    const truth = await writeFeed(file, { rows: o.rows, format: 'csv', gzip: true });
    log(`import: ${o.rows.toLocaleString('en-US')} rows into DynamoDB Local …`);
    const id = `fjb_${'b'.repeat(32)}`;
    await newJob(id, file, 'csv');
    // the job's own writer, counting the items it is given: a row is two items (its current
    // fact and that fact's version, issue 14), so the ceiling, in items/s, is compared with
    // items/s — rows/s stays in the note
    const writer = new BatchWriter(8);
    let items = 0;
    const sink = {
      put: (item: Parameters<BatchWriter['put']>[0]) => {
        items++;
        return writer.put(item);
      },
      flush: () => writer.flush(),
    };
    const t0 = Date.now();
    const view = await runFeedImport(id, {
      open: () => Promise.resolve(createReadStream(file)),
      sink,
    });
    const importSeconds = (Date.now() - t0) / 1000;
    const perSec = o.rows / importSeconds;
    const itemsPerSec = items / importSeconds;
    const right =
      view.status === 'done' &&
      view.counts.accepted === truth.accepted &&
      view.counts.rejected === truth.rejected &&
      view.counts.merged === truth.merged;
    log(`import: ${perSec.toFixed(0)} rows/s; BatchWriteItem ceiling (8 in flight) …`);
    const template = await oneFact(client);
    const ceiling = await batchWriteCeiling(client, template, {
      minMs: o.ceilingMs,
      inFlight: 8,
      tag: 'feed',
    });
    const ratio = ratioOf(itemsPerSec, ceiling);
    rows.push(
      right
        ? {
            id: 'import.throughput',
            figure: 'Import',
            metric:
              'feed file import, items written (gzip CSV → validate → merge → BatchWriteItem, 8 lanes)',
            value: itemsPerSec,
            unit: 'items/s',
            reference: { label: 'BatchWriteItem ceiling', value: ceiling, unit: 'items/s' },
            ratio,
            goal: `≥ ${String(IMPORT_GOAL)}× ceiling`,
            met: ratio === null ? null : ratio >= IMPORT_GOAL,
            status: 'ok',
            note: `${o.rows.toLocaleString('en-US')} rows in ${importSeconds.toFixed(1)} s: ${perSec.toFixed(0)} rows/s, ${items.toLocaleString('en-US')} items (each accepted row its current fact and its version, each stored rejection one); ${truth.rejected} bad check characters, ${truth.merged} duplicates merged, ${String(statSync(file).size)} B gzipped; ceiling: copies of a stored fact item, 25/request, 8 in flight`,
          }
        : errorRow(
            'import.throughput',
            'Import',
            'feed file import',
            new Error(`counts ${JSON.stringify(view.counts)} ≠ the file's`),
          ),
    );

    const big = path.join(dir, 'market-big.jsonl.gz');
    await writeFeed(big, { rows: o.streamRows, format: 'jsonl', gzip: true });
    const id2 = `fjb_${'c'.repeat(32)}`;
    await newJob(id2, big, 'jsonl');
    log(`import: stream path over ${o.streamRows.toLocaleString('en-US')} rows …`);
    const t1 = Date.now();
    const streamed = await runFeedImport(id2, {
      open: () => Promise.resolve(createReadStream(big)),
      sink: { put: () => Promise.resolve(), flush: () => Promise.resolve() },
      checkpointEvery: 50_000,
    });
    const streamPerSec = o.streamRows / ((Date.now() - t1) / 1000);
    rows.push({
      id: 'import.stream',
      figure: 'Import',
      metric: 'feed stream path alone (gunzip → parse → validate → merge, no writes)',
      value: streamPerSec,
      unit: 'rows/s',
      reference: { label: 'import with writes', value: perSec, unit: 'rows/s' },
      met: null,
      status: streamed.status === 'done' ? 'ok' : 'error',
      note: `${o.streamRows.toLocaleString('en-US')} rows, one core`,
    });
  } catch (e) {
    const id = rows.length === 0 ? 'import.throughput' : 'import.stream';
    rows.push(errorRow(id, 'Import', 'feed file import', e));
  } finally {
    process.env = saved;
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
