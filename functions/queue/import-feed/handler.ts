/**
 * The feed import on AWS (issue #16): the upload bucket sends its Object Created events to
 * EventBridge, and a rule for keys under uploads/feeds/ invokes this function
 * (infra/functions/money.yml). It streams the file to its end from the job's checkpoint.
 *
 * EventBridge invokes asynchronously: a crash or a timeout is retried by Lambda (twice, then
 * the event goes to the function's on-failure queue), and each retry resumes from the last
 * checkpoint — rows before it are neither rewritten nor counted again. A file too large for
 * one 15-minute invocation resumes the same way across retries; for a province's files the
 * README's province section describes fanning out by byte ranges (Step Functions
 * Distributed Map over the object's ranges), which this job's checkpoints are shaped for.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../_lib/logger';
import { feedJobIdOfKey, runStoredFeedImport } from '../../services/feed-import';

type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string; size?: number } }
>;

export async function handler(event: ObjectCreated): Promise<void> {
  const key = decodeURIComponent(event.detail.object.key.replace(/\+/g, ' '));
  const id = feedJobIdOfKey(key);
  if (!id) {
    logger.warn('object is not a feed file', { key });
    return;
  }
  await runStoredFeedImport(id);
}
