/**
 * Domain errors carry a stable code for programs and a Chinese message for people.
 * They know nothing of HTTP: shared/contracts/status.ts holds the only status table.
 */
export const ERROR_CODES = [
  'INVALID_INPUT', // malformed or ill-typed input
  'UNAUTHENTICATED', // no or bad token
  'FORBIDDEN', // authenticated but not allowed
  'NOT_FOUND',
  'WRONG_STATE', // transition not allowed from the current state
  'DUPLICATE', // uniqueness violated (same idempotency key with another body, same grant…)
  'CONFLICT', // optimistic version lost a race
  'NOT_ELIGIBLE', // the rules say no
  'OVER_CAP', // amount above the rule's cap
  'BUDGET_EXHAUSTED', // the policy's budget cannot cover the amount
  'CALENDAR_UNKNOWN', // a working-day computation crosses a year the calendar does not know
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE', // a store we depend on failed part-way; the request may be repeated as it is
  'ACCOUNT_REQUIRED', // no receiving account to pay to: the applicant must give one
  'VERIFICATION_FAILED', // a real-name / enterprise check said the person or enterprise does not match
  'GOLDEN_CASE_FAILED', // a policy version's own golden cases do not hold: it cannot go to review or be published
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (message: string, details?: unknown) =>
  new DomainError('INVALID_INPUT', message, details);
export const forbidden = (message = '无权执行此操作', details?: unknown) =>
  new DomainError('FORBIDDEN', message, details);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what}不存在`);
export const wrongState = (state: string, action: string) =>
  new DomainError('WRONG_STATE', `当前状态（${state}）不能执行「${action}」`, { state, action });
export const conflict = (message = '数据已被他人修改，请刷新后重试') =>
  new DomainError('CONFLICT', message);
