/**
 * Who may see an application (DESIGN §2, §8), decided once for every route:
 * - an applicant sees their own subject's applications; another subject's are reported
 *   as not found, so ids cannot be probed for existence. The one exception is 公示:
 *   an award under publicity is public and anyone may object (DESIGN §2).
 * - a reviewer sees their own department's; another department's are FORBIDDEN (403):
 *   staff know the application exists (it is in the county's system) but not theirs to act on.
 * - admins and auditors (审计, read-only, every department) read any application (issue 14:
 *   an auditor follows an item back from its payment); an auditor never objects or acts.
 */
import type { Actor } from '../actor';
import type { Application } from './application';

export type Visibility = 'visible' | 'hidden' | 'forbidden';

export function applicationVisibility(
  actor: Actor,
  app: Application,
  purpose: 'read' | 'object' = 'read',
): Visibility {
  switch (actor.kind) {
    case 'applicant':
      if (actor.subjectId === app.subjectId) return 'visible';
      return purpose === 'object' && app.status === 'publicity' ? 'visible' : 'hidden';
    case 'reviewer':
      return actor.department === app.department ? 'visible' : 'forbidden';
    case 'admin':
    case 'system':
      return 'visible';
    case 'auditor':
      return purpose === 'read' ? 'visible' : 'forbidden';
  }
}
