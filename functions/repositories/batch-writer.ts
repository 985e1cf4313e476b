/**
 * Many puts, BatchWriteItem 25 at a time on a bounded number of lanes (issue #16's feed
 * import). An item goes to the lane its key hashes to, and a lane sends one batch at a time,
 * so two puts of one key are always written in the order they were made: the later wins,
 * across the whole stream, as in a file read top to bottom. A key put twice before its lane
 * sends replaces the earlier item in the pending batch (DynamoDB refuses a batch with one key
 * twice). Unprocessed items (throttling) are resent with backoff, up to 8 times.
 *
 * Memory: at most `lanes` batches in flight and one pending batch per lane. `put` waits while
 * the item's lane is full and busy, which is the back-pressure that keeps a reader's memory
 * flat. Puts are idempotent, so a crash and a resume rewrite at most what was in flight.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName, type Item } from './table';

const BATCH = 25;
const MAX_ATTEMPTS = 8;

type Put = { PutRequest: { Item: Item } };

interface Lane {
  pending: Map<string, Put>;
  busy: Promise<void> | undefined;
}

const keyOf = (item: Item) => `${String(item.PK)}\u0000${String(item.SK)}`;

function laneOf(key: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}

export class BatchWriter {
  private readonly lanes: Lane[];
  private failure: Error | undefined;
  /** items stored so far (a resent unprocessed item counts once) */
  written = 0;
  /** BatchWriteItem calls made */
  calls = 0;

  constructor(lanes = 8) {
    this.lanes = Array.from({ length: lanes }, () => ({ pending: new Map(), busy: undefined }));
  }

  async put(item: Item): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    const key = keyOf(item);
    const lane = this.lanes[laneOf(key, this.lanes.length)];
    if (!lane) throw new Error('no lane');
    lane.pending.delete(key); // re-inserted last: the batch keeps the order of the latest puts
    lane.pending.set(key, { PutRequest: { Item: item } });
    if (lane.pending.size >= BATCH) await this.send(lane);
  }

  /** Sends every pending item and waits for all lanes: after it, everything put is stored. */
  async flush(): Promise<void> {
    for (const lane of this.lanes) if (lane.pending.size > 0) await this.send(lane);
    await Promise.all(this.lanes.map((l) => l.busy ?? Promise.resolve()));
    if (this.failure !== undefined) throw this.failure;
  }

  private async send(lane: Lane): Promise<void> {
    if (lane.busy) await lane.busy;
    if (this.failure !== undefined) throw this.failure;
    const batch = [...lane.pending.values()];
    lane.pending = new Map();
    if (batch.length === 0) return;
    // never rejects: the first failure is kept and thrown by the next put or flush
    lane.busy = this.write(batch).catch((e: unknown) => {
      this.failure ??= e instanceof Error ? e : new Error(String(e));
    });
  }

  private async write(batch: Put[]): Promise<void> {
    let requests = batch;
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === MAX_ATTEMPTS)
        throw new Error(
          `${String(requests.length)} items stayed unprocessed after ${String(MAX_ATTEMPTS)} attempts`,
        );
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      this.calls++;
      const out = await db().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      const left = (out.UnprocessedItems?.[tableName()] ?? []) as Put[];
      this.written += requests.length - left.length;
      requests = left;
    }
  }
}
