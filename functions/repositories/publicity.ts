/**
 * The public 公示 list (issue 14): applications then grants whose 公示 is running, read from
 * their byStatus ranges (repositories/applications.ts, grants.ts) one DynamoDB page at a time.
 * The cursor names the phase and the key to go on from, signed and bound to the filters.
 */
import type { Application } from '../../shared/lifecycle/application';
import type { Grant } from '../../shared/lifecycle/grant';
import { applicationsInPublicity, type PublicityFilter } from './applications';
import { decodeCursor, encodeCursor, isKey } from './cursor';
import { grantsInPublicity } from './grants';

export type PublicityItem =
  { kind: 'application'; item: Application } | { kind: 'grant'; item: Grant };

type Phase = 'application' | 'grant';
interface CursorValue {
  phase: Phase;
  key?: Record<string, string>;
}
const isCursor = (v: unknown): v is CursorValue => {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as { phase?: unknown; key?: unknown };
  return (
    (c.phase === 'application' || c.phase === 'grant') && (c.key === undefined || isKey(c.key))
  );
};

/**
 * Up to `limit` entries (fewer when the filters drop some of a page), and a cursor while
 * either range has more. DynamoDB's Limit counts items read before the filter, so a page
 * never reads more than `limit` items per range.
 */
export async function publicityPage(
  filter: PublicityFilter,
  now: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: PublicityItem[]; nextCursor?: string }> {
  const list = `publicity:${filter.policyId ?? '*'}:${filter.department ?? '*'}`;
  const at = decodeCursor(cursor, isCursor, list) ?? { phase: 'application' };
  const items: PublicityItem[] = [];
  let phase: Phase = at.phase;
  let key: Record<string, unknown> | undefined = at.key;
  while (items.length < limit) {
    const want = limit - items.length;
    if (phase === 'application') {
      const page = await applicationsInPublicity(filter, now, key, want);
      items.push(...page.items.map((item) => ({ kind: 'application' as const, item })));
      if (page.lastKey) {
        key = page.lastKey;
        continue;
      }
      phase = 'grant';
      key = undefined;
      continue;
    }
    const page = await grantsInPublicity(filter, now, key, want);
    items.push(...page.items.map((item) => ({ kind: 'grant' as const, item })));
    key = page.lastKey;
    if (!key) return { items };
  }
  return {
    items,
    nextCursor: encodeCursor({ phase, ...(key ? { key } : {}) }, list),
  };
}
