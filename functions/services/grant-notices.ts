/** The outbox record for a grant transition (the application side's outbox, same table shape). */
import type { Grant, GrantEvent } from '../../shared/lifecycle/grant';
import { grantNoticeFor } from '../../shared/lifecycle/grant-notices';
import { outboxItem } from '../repositories/outbox';

export function grantOutbox(next: Grant, events: readonly GrantEvent[], at: string) {
  const notice = grantNoticeFor(events);
  return notice
    ? [
        outboxItem({
          subjectId: next.subjectId,
          aggregate: { kind: 'grant', id: next.id, version: next.version },
          notice,
          createdAt: at,
        }),
      ]
    : [];
}
