import { DomainError } from '../../../shared/errors';
import { treasuryCallback as route } from '../../../shared/contracts/money';
import type { TreasuryCallbackBody } from '../../../shared/schemas/treasury';
import { treasurySecret, verifyRequest } from '../../adapters/treasury-signature';
import { settleTreasuryCallback } from '../../services/treasury-callback';
import { httpHandler, parsePart, readBody } from '../_lib/http-handler';

/** The route's own path: what the gateway signs (a stage prefix or a proxy cannot change it). */
export const CALLBACK_PATH = route.path;

/**
 * POST /v1/treasury/callback — the treasury gateway's answer about an order. No user token:
 * the request must carry the gateway's HMAC signature over these exact bytes (checked on
 * real time, not the demo's business clock), else 401 and nothing is read or settled. Then
 * the body is validated (the contract's schema) and settled by its idempotency key: unknown
 * key → 404, a duplicate → 200 with result `unchanged`.
 */
export const handler = httpHandler(route, async ({ rawBody, event, now }) => {
  const verified = verifyRequest(
    treasurySecret(),
    { method: 'POST', path: CALLBACK_PATH, body: rawBody },
    event.headers,
    Date.now(),
  );
  if (!verified.ok)
    throw new DomainError('UNAUTHENTICATED', '国库回调签名无效', { reason: verified.reason });
  const body = parsePart(route.body, readBody(rawBody), 'body') as TreasuryCallbackBody;
  return settleTreasuryCallback(body, now);
});
