/**
 * The scale figure's extra rows (issue #16: "`npm run bench -- --subjects 1000000` runs on
 * this machine … report subjects/s, peak RSS of Node and of the JVM, and the table size"):
 *
 * - the table's size after the run. DescribeTable's TableSizeBytes and ItemCount are read;
 *   when the engine is file-backed the SQLite file DynamoDB Local keeps under its -dbPath is
 *   measured on disk as well, and for small runs a Select COUNT scan checks ItemCount;
 * - the time 1,000,000 subjects would take, from this run's load and run rates.
 *
 * Above SCALE_ON_DISK_FROM subjects the auto-grant figure runs DynamoDB Local file-backed:
 * in memory the engine's SQLite lives in the JVM's native memory, about 30 KB a subject
 * (884 MB VmHWM at 20,000 subjects), so 1,000,000 would need some 30 GB of RAM on a 24 GB
 * machine; on disk its RSS stays bounded and the data goes to the file.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Row } from './table';

export const SCALE_ON_DISK_FROM = 100_001;
/**
 * The JVM heap of the engines the auto-grant and end-to-end figures start. At 512 MB (the
 * tests' setting) the in-memory engine ran out of Java heap at 20,000 subjects after the stream
 * deriver (its stderr: java.lang.OutOfMemoryError in an SQLite job) and answered "unknown error";
 * 4 GB carried 20,000. 8 GB leaves room for 100,000 (the in-memory SQLite itself lives outside
 * the heap, ~30 KB a subject) on a 24 GB machine.
 */
export const BENCH_ENGINE_HEAP_MB = 8192;
/** a COUNT scan of the whole table only up to this many subjects (it reads every item) */
export const COUNT_SCAN_UP_TO = 20_000;
export const SCALE_TARGET = 1_000_000;
const MB = 2 ** 20;

export interface TableSize {
  describeBytes: number | null;
  describeItems: number | null;
  /** bytes of the engine's files under -dbPath (file-backed engine only) */
  fileBytes: number | null;
  /** items counted by a Select COUNT scan (small runs only) */
  scannedItems: number | null;
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(p) : statSync(p).size;
  }
  return total;
}

async function countScan(client: DynamoDBClient, table: string): Promise<number> {
  let n = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    n += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return n;
}

export async function tableSize(
  client: DynamoDBClient,
  table: string,
  o: { dbPath?: string; scan: boolean },
): Promise<TableSize> {
  const d = await client.send(new DescribeTableCommand({ TableName: table }));
  return {
    describeBytes: d.Table?.TableSizeBytes ?? null,
    describeItems: d.Table?.ItemCount ?? null,
    fileBytes: o.dbPath ? bytesUnder(o.dbPath) : null,
    scannedItems: o.scan ? await countScan(client, table) : null,
  };
}

export function tableSizeRow(s: TableSize, subjects: number): Row {
  const onDisk = s.fileBytes !== null;
  const value = onDisk ? s.fileBytes : s.describeBytes;
  const items = s.scannedItems ?? s.describeItems;
  const describe = `DescribeTable: ${s.describeBytes === null ? '?' : (s.describeBytes / MB).toFixed(1)} MB, ${String(s.describeItems ?? '?')} items`;
  const scan =
    s.scannedItems === null
      ? 'no COUNT scan at this size'
      : `Select COUNT scan: ${String(s.scannedItems)} items (${s.scannedItems === s.describeItems ? 'ItemCount is current' : 'ItemCount is stale'})`;
  return {
    id: 'scale.table-size',
    figure: 'Scale',
    metric: `table size after run 1 (${subjects.toLocaleString('en-US')} subjects), ${onDisk ? 'DynamoDB Local file on disk' : 'DescribeTable TableSizeBytes'}`,
    value: value === null ? null : value / MB,
    unit: 'MB',
    ...(items === null ? {} : { reference: { label: 'items', value: items, unit: '' } }),
    met: null,
    status: value === null ? 'error' : 'ok',
    note: `${describe}; ${scan}${onDisk ? '; the file includes the stream records and the indexes' : ''}`,
  };
}

/** Minutes 1,000,000 subjects would take at this run's rates (facts load + run 1). */
export function scaleEstimateRow(r: {
  subjects: number;
  loadSeconds: number;
  runSeconds: number;
  deriveSeconds?: number;
}): Row {
  const k = SCALE_TARGET / r.subjects;
  const load = (r.loadSeconds * k) / 60;
  const run = (r.runSeconds * k) / 60;
  const derive = r.deriveSeconds === undefined ? undefined : (r.deriveSeconds * k) / 60;
  return {
    id: 'scale.estimate-1m',
    figure: 'Scale',
    metric:
      r.subjects === SCALE_TARGET
        ? 'time for 1,000,000 subjects: facts load + run 1 (measured)'
        : `time for 1,000,000 subjects: facts load + run 1, estimated from ${r.subjects.toLocaleString('en-US')}`,
    value: load + run,
    unit: 'min',
    reference: { label: 'run 1 alone', value: run, unit: 'min' },
    met: null,
    status: 'ok',
    note: `linear in N at this run's rates: load ${(r.subjects / r.loadSeconds).toFixed(0)} subjects/s → ${load.toFixed(0)} min, run 1 ${(r.subjects / r.runSeconds).toFixed(0)} subjects/s → ${run.toFixed(0)} min${derive === undefined ? '' : `, stream deriver after it ${derive.toFixed(0)} min`}; DynamoDB Local's writes do not stay linear as its SQLite grows, so treat as a lower bound`,
  };
}

export const mb = (bytes: number) => bytes / MB;
