/**
 * Feed files (issue #16): an admin uploads a government feed (CSV or JSON lines, up to 1 GB,
 * gzip accepted) with a pre-signed PUT, and an import job streams it into the facts
 * (functions/services/feed-import.ts). These are the job's HTTP shapes; the admin page
 * (client/src/admin/import) reads them too.
 */
import { z } from 'zod';
import { FeedFormat } from './facts-import';

export const FeedJobId = z.string().regex(/^fjb_[0-9a-f]{32}$/, '导入任务编号无效');
export type FeedJobId = z.infer<typeof FeedJobId>;

export const MAX_FEED_BYTES = 1024 * 1024 * 1024;

/** Guesses the format from the file name: `.csv` / `.csv.gz` is CSV, anything else JSON lines. */
export const formatOfFileName = (fileName: string): FeedFormat =>
  /\.csv(\.gz)?$/i.test(fileName.trim()) ? 'csv' : 'jsonl';

export const CreateFeedJobBody = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/\.(csv|jsonl|ndjson|json)(\.gz)?$/i, '文件应为 .csv、.jsonl（可为 .gz 压缩）'),
    sizeBytes: z.number().int().min(1).max(MAX_FEED_BYTES, '文件不能超过 1 GB'),
    /** defaults to the file name's: .csv(.gz) is CSV, otherwise JSON lines */
    format: FeedFormat.optional(),
    /** a label for the feed (e.g. `人社局社保 2020-12`) */
    feed: z.string().trim().max(100).optional(),
  })
  .strict();
export type CreateFeedJobBody = z.input<typeof CreateFeedJobBody>;

export const FEED_JOB_STATUSES = ['awaiting_upload', 'running', 'done', 'failed'] as const;
export const FeedJobStatus = z.enum(FEED_JOB_STATUSES);
export type FeedJobStatus = z.infer<typeof FeedJobStatus>;

export const FEED_JOB_STATUS_LABELS: Readonly<Record<FeedJobStatus, string>> = {
  awaiting_upload: '等待上传',
  running: '导入中',
  done: '已完成',
  failed: '导入中断',
};

export const FeedCounts = z.object({
  /** rows read (blank lines and the CSV header are not rows) */
  rowsRead: z.number().int(),
  /** rows that passed validation, duplicates included */
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** accepted rows that repeated an earlier row's subject, source and period start: the later won */
  merged: z.number().int(),
});
export type FeedCounts = z.infer<typeof FeedCounts>;

export const FeedJobView = z.object({
  id: FeedJobId,
  status: FeedJobStatus,
  fileName: z.string(),
  format: FeedFormat,
  feed: z.string().optional(),
  sizeBytes: z.number().int(),
  counts: FeedCounts,
  /** bytes of the (decompressed) file read up to the last checkpoint */
  bytesRead: z.number().int(),
  /** the last line the checkpoint covers: a resumed job writes only what follows */
  checkpointLine: z.number().int(),
  rowsPerSecond: z.number(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** how many times the job was started (a resume after a crash counts) */
  attempts: z.number().int(),
  /** a file fanned out by byte ranges: how many ranges, and how many are done */
  ranges: z.number().int().optional(),
  rangesDone: z.number().int().optional(),
  error: z.string().optional(),
});
export type FeedJobView = z.infer<typeof FeedJobView>;

export const FeedUploadTicket = z.object({
  method: z.literal('PUT'),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});

export const CreatedFeedJob = z.object({ job: FeedJobView, upload: FeedUploadTicket });
export type CreatedFeedJob = z.infer<typeof CreatedFeedJob>;

export const FeedJobParams = z.object({ id: FeedJobId });

/** GET /v1/admin/feeds/{id}/rejected: the rejected rows as a CSV (行号, 原因, 原始内容). */
export const RejectedRowsFile = z.object({
  fileName: z.string(),
  csv: z.string(),
  /** rows in this file */
  rows: z.number().int(),
  /** rows the job rejected; more than `rows` when only the first ones were kept */
  rejected: z.number().int(),
});
export type RejectedRowsFile = z.infer<typeof RejectedRowsFile>;
