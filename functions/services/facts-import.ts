/**
 * POST /v1/admin/facts:import: validates every row of a feed with the facts schema, reports
 * the rejected ones by line with reasons, and writes the accepted ones in BatchWriteItem
 * batches. Keys are the facts' identity (subject, source, period start), so importing the
 * same feed again rewrites each record with itself: nothing changes.
 */
import { parseFeed, type ImportFactsBody, type ImportResult } from '../../shared/schemas/facts-import';
import { logger } from '../_lib/logger';
import { putFacts } from '../repositories/facts';

export async function importFacts(body: ImportFactsBody): Promise<ImportResult> {
  const parsed = parseFeed(body.format, body.content);
  await putFacts(parsed.facts);
  const subjects = new Set(parsed.facts.map((f) => f.subjectId)).size;
  logger.info('facts imported', { feed: body.feed, format: body.format, rows: parsed.rows, accepted: parsed.facts.length, rejected: parsed.rejected.length });
  return {
    ...(body.feed ? { feed: body.feed } : {}),
    format: body.format,
    rows: parsed.rows,
    accepted: parsed.facts.length,
    rejected: parsed.rejected,
    subjects,
  };
}
