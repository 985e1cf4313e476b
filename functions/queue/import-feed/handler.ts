/**
 * The feed import on AWS (issue #16): the upload bucket sends its Object Created events to
 * EventBridge, and a rule for keys under uploads/feeds/ invokes this function
 * (infra/functions/money.yml). It is the planner (functions/services/feed-fanout.ts): a
 * plain file larger than one range (FEED_RANGE_BYTES, 16 MiB by default) is cut into byte
 * ranges at record starts and one message per range goes to the range queue
 * (FEED_RANGE_QUEUE_URL), read by functions/queue/import-feed-range; a smaller or gzip file
 * is streamed here to its end from the job's checkpoint, as before.
 *
 * EventBridge invokes asynchronously: a crash or a timeout is retried by Lambda (twice, then
 * the event goes to the function's on-failure queue). A retry of the planner finds the plan
 * saved and only sends the messages it had not finished sending; a retry of a sequential
 * import resumes from the last checkpoint — rows before it are neither rewritten nor counted
 * again. A second event for the same job changes nothing.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../_lib/logger';
import { feedJobIdOfKey } from '../../services/feed-import';
import { startStoredFeedImport } from '../../services/feed-fanout';

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
  await startStoredFeedImport(id);
}
