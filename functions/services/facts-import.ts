/**
 * POST /v1/admin/facts:import: a feed is validated whole before anything is written
 * (shared/schemas/facts-import.ts). One rejected row — unparsable, a bad 统一社会信用代码 or
 * 居民身份证号, a repeat of an earlier row's identity — rejects the feed: 400 with every
 * rejected row by line and reasons, nothing written. A clean feed is written in
 * BatchWriteItem batches under the facts' identities (subject, source, period start), so
 * importing it again rewrites each record with itself. If the store fails part-way, the
 * answer is 503 UNAVAILABLE with how many rows were stored, and resending the same feed
 * completes it: the write is idempotent, not atomic, and says so.
 */
import { createHash } from 'node:crypto';
import { DomainError, invalidInput } from '../../shared/errors';
import {
  parseFeed,
  type ImportFactsBody,
  type ImportResult,
} from '../../shared/schemas/facts-import';
import { logger } from '../_lib/logger';
import { FactsWriteInterrupted, putFacts } from '../repositories/facts';

/**
 * The import id names the feed's content: sending the same feed again is the same import
 * (idempotent), a corrected feed is another one. Each fact version records it (history).
 */
export const importIdOf = (body: Pick<ImportFactsBody, 'format' | 'content'>): string =>
  `imp_${createHash('sha256').update(`${body.format}\n${body.content}`).digest('hex').slice(0, 24)}`;

export async function importFacts(
  body: ImportFactsBody,
  now: Date = new Date(),
): Promise<ImportResult> {
  const parsed = parseFeed(body.format, body.content);
  const importId = importIdOf(body);
  const summary = {
    feed: body.feed,
    format: body.format,
    rows: parsed.rows,
    accepted: parsed.facts.length,
    rejected: parsed.rejected.length,
  };
  if (parsed.rejected.length > 0) {
    logger.info('feed rejected', summary);
    throw invalidInput(`数据有 ${parsed.rejected.length} 行不合格，整批未导入；请修正后重新导入`, {
      reason: 'feed_rejected',
      rows: parsed.rows,
      rejected: parsed.rejected,
    });
  }
  try {
    await putFacts(parsed.facts, { importId, recordedAt: now.toISOString() });
  } catch (e) {
    if (!(e instanceof FactsWriteInterrupted)) throw e;
    logger.error('feed write interrupted', {
      ...summary,
      written: e.written,
      error: String(e.cause),
    });
    throw new DomainError(
      'UNAVAILABLE',
      `数据写入中断：已写入 ${e.written} / ${e.total} 行。请将同一批数据原样重新导入，已写入的行不会重复`,
      {
        reason: 'feed_partially_written',
        written: e.written,
        total: e.total,
      },
    );
  }
  const subjects = new Set(parsed.facts.map((f) => f.subjectId)).size;
  logger.info('facts imported', summary);
  return {
    ...(body.feed ? { feed: body.feed } : {}),
    format: body.format,
    importId,
    rows: parsed.rows,
    accepted: parsed.facts.length,
    rejected: [],
    subjects,
  };
}
