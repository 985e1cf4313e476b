import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError, invalidInput } from '../../../shared/errors';
import { TreasuryCallbackBody } from '../../../shared/schemas/treasury';
import { treasurySecret, verifyRequest } from '../../adapters/treasury-signature';
import { settleTreasuryCallback } from '../../services/treasury-callback';
import { httpHandler } from '../_lib/http-handler';

/** The route's own path: what the gateway signs (a stage prefix or a proxy cannot change it). */
export const CALLBACK_PATH = '/v1/treasury/callback';

const rawBody = (event: APIGatewayProxyEventV2): string =>
  !event.body
    ? ''
    : event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body;

/**
 * POST /v1/treasury/callback — the treasury gateway's answer about an order. No user token:
 * the request must carry the gateway's HMAC signature over these exact bytes (checked on
 * real time, not the demo's business clock), else 401 and nothing is read or settled. Then
 * the body is validated and settled by its idempotency key: unknown key → 404, a duplicate
 * → 200 with result `unchanged`.
 */
export const handler = httpHandler({ access: 'public' }, async ({ event, now }) => {
  const body = rawBody(event);
  const verified = verifyRequest(
    treasurySecret(),
    { method: 'POST', path: CALLBACK_PATH, body },
    event.headers,
    Date.now(),
  );
  if (!verified.ok)
    throw new DomainError('UNAUTHENTICATED', '国库回调签名无效', { reason: verified.reason });
  const parsed = TreasuryCallbackBody.safeParse(JSON.parse(body || 'null'));
  if (!parsed.success) {
    throw invalidInput('输入有误，请检查后重试', {
      where: 'body',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return settleTreasuryCallback(parsed.data, now);
});
