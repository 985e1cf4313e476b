/**
 * Small application rules the services share. Kept pure; candidates to move into
 * shared/lifecycle once the client needs them too.
 */
import type { ApplicationStatus } from '../../shared/lifecycle/application';
import type { PolicyVersion } from '../../shared/policies';

/** Terminal or paid: a new application for the same policy may be made. */
const CLOSED: readonly ApplicationStatus[] = ['rejected', 'withdrawn', 'cancelled', 'paid'];
export const isOpen = (s: ApplicationStatus) => !CLOSED.includes(s);

/**
 * Policies this route takes: 依申请 subsidies and waivers ('apply', or 'both' where the
 * data did not prove it). Auto-only is 免申报; startup loans and their 贴息 follow the loan
 * lifecycle (DESIGN §4), not this one.
 */
export const isAppliable = (p: PolicyVersion) =>
  p.mode !== 'auto' && p.kind !== 'startup_loan' && p.kind !== 'loan_interest';

/**
 * 容缺 period: the seed (003 §四(二)4 "容缺受理") sets no length; the county gives 10
 * natural days to supplement, after which the application lapses.
 */
export const SUPPLEMENT_DAYS = 10;
