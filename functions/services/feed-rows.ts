/**
 * The row handling both feed imports share (issue #16): the sequential job (feed-import.ts)
 * and a range of a fanned-out job (feed-fanout.ts) treat every row of the file the same way.
 *
 * - A row up to the checkpoint resumed from (`resume.line`) is a replay: it only rebuilds
 *   the duplicate index (IdentitySet) and is neither written nor counted again.
 * - An accepted row counts in `accepted`, and in `merged` when its identity was seen before;
 *   its current fact record is written by the caller's `writeFact` (the one difference: a
 *   batched put in the sequential job, a conditional later-line-wins write in a range), then
 *   its immutable version record (issue 14) is put with the import's id.
 * - A rejected row counts in `rejected`; the first MAX_STORED_REJECTED are stored by line.
 * - Every row moves `lastLine`/`lastEnd`, and every `every` rows `onEvery` runs (the
 *   caller's checkpoint), which calls `checkpointed()` once its checkpoint is stored.
 *
 * `writeFact` may finish after `handle` returns (a range's writes run concurrently): the
 * share of `merged` it learns is added through `merge`, synchronously, so two writes ending
 * at once never lose a count (as `counts.merged += await …` would: it reads the count before
 * the write's await).
 */
import type { Fact } from '../../shared/facts';
import { IdentitySet, type FeedRow } from '../../shared/feeds/stream';
import type { FeedCounts, FeedJobId } from '../../shared/schemas/feeds';
import { factVersionItem } from '../repositories/facts';
import { rejectedRowItem } from '../repositories/feed-jobs';
import type { Item } from '../repositories/table';

/** rejected rows kept for the download; the counts stay exact beyond it */
export const MAX_STORED_REJECTED = 10_000;

/** Writes one accepted row's current fact record; `merge(n)` adds n to `merged` when it is known. */
export type FactWriter = (
  fact: Fact,
  row: { identity: string; line: number; first: boolean },
  merge: (share: number) => void,
) => Promise<void>;

export interface FeedRowsOptions {
  jobId: FeedJobId;
  /** the checkpoint the import resumes from (line 0 and zero counts for a first start) */
  resume: { line: number; bytesRead: number; counts: FeedCounts };
  /** where the version records and rejected rows go */
  sink: { put(item: Item): Promise<void> };
  writeFact: FactWriter;
  /** the version records' `recordedAt` */
  recordedAt: string;
  /** rows between two checkpoints */
  every: number;
  /** the caller's checkpoint, run every `every` rows */
  onEvery: () => Promise<void>;
  /** the duplicate index (a range sizes its own smaller) */
  ids?: IdentitySet;
}

export class FeedRows {
  /** the counts so far, the resumed checkpoint's included */
  readonly counts: FeedCounts;
  /** the line the stored checkpoint reached: the next checkpoint's condition */
  checkpointLine: number;
  /** the last row handled, and the byte offset just after it */
  lastLine: number;
  lastEnd: number;
  private since = 0;
  private readonly resumeLine: number;
  private readonly ids: IdentitySet;

  constructor(private readonly o: FeedRowsOptions) {
    this.counts = { ...o.resume.counts };
    this.resumeLine = o.resume.line;
    this.checkpointLine = o.resume.line;
    this.lastLine = o.resume.line;
    this.lastEnd = o.resume.bytesRead;
    this.ids = o.ids ?? new IdentitySet();
  }

  /** Adds a write's share of `merged` (synchronously: concurrent writes cannot lose one). */
  private readonly merge = (share: number): void => {
    this.counts.merged += share;
  };

  readonly handle = async (row: FeedRow): Promise<void> => {
    const { counts, o } = this;
    const replay = row.line <= this.resumeLine;
    if ('fact' in row) {
      const repeated = this.ids.add(row.identity);
      if (replay) return;
      counts.accepted++;
      if (repeated) counts.merged++;
      await o.writeFact(
        row.fact,
        { identity: row.identity, line: row.line, first: !repeated },
        this.merge,
      );
      // its immutable version with this import's id (issue 14): what a grant freezes can be read back
      await o.sink.put(factVersionItem(row.fact, { importId: o.jobId, recordedAt: o.recordedAt }));
    } else {
      if (replay) return;
      counts.rejected++;
      if (counts.rejected <= MAX_STORED_REJECTED)
        await o.sink.put(
          rejectedRowItem(o.jobId, { line: row.line, reasons: row.reasons, raw: row.raw }),
        );
    }
    counts.rowsRead++;
    this.lastLine = row.line;
    this.lastEnd = row.end;
    if (++this.since >= o.every) await o.onEvery();
  };

  /** The checkpoint up to `lastLine` is stored: the next one starts from it. */
  checkpointed(): void {
    this.checkpointLine = this.lastLine;
    this.since = 0;
  }
}
