/**
 * The setup the feed import tests share (issue #16): the upload's event, a job written as
 * the create route writes it, and a local S3-compatible store for the handlers.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { createFeedJob, ZERO_COUNTS } from '../../../functions/repositories/feed-jobs';
import { feedKeyOf } from '../../../functions/services/feed-import';
import { startLocalS3, type LocalS3 } from '../../../infra/local/s3';

export const FEED_BUCKET = 'zhida-test-uploads';

/** The upload's Object Created event, as EventBridge delivers it on AWS. */
export const objectCreated = (key: string) =>
  ({
    version: '0',
    id: 'evt',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'ap-east-1',
    resources: [],
    detail: { bucket: { name: FEED_BUCKET }, object: { key } },
  }) as EventBridgeEvent<
    'Object Created',
    { bucket: { name: string }; object: { key: string; size?: number } }
  >;

/** A job awaiting the upload of `file` (its size), CSV or JSON lines by the file name. */
export const newFeedJob = (id: string, file: string, fileName = path.basename(file)) =>
  createFeedJob({
    id,
    status: 'awaiting_upload',
    fileName,
    format: /\.csv/.test(fileName) ? 'csv' : 'jsonl',
    sizeBytes: statSync(file).size,
    counts: ZERO_COUNTS,
    bytesRead: 0,
    checkpointLine: 0,
    rowsPerSecond: 0,
    createdAt: new Date().toISOString(),
    attempts: 0,
    key: feedKeyOf(id),
    createdBy: 'usr_test',
  });

/** A local S3-compatible store under `dir`, the functions' upload bucket pointed at it. */
export async function startFeedStore(dir: string): Promise<LocalS3> {
  const s3 = await startLocalS3({ directory: path.join(dir, 's3'), bucket: FEED_BUCKET });
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  process.env.UPLOAD_BUCKET = FEED_BUCKET;
  return s3;
}
