/**
 * One wrapper for every HTTP handler: reads the body, validates params/query/body with zod,
 * authenticates, runs the operation, and maps every outcome to a response. It must catch
 * everything: serverless-offline answers an uncaught throw with HTTP 200.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { z } from 'zod';
import type { Actor } from '../../../shared/actor';
import { DomainError, invalidInput } from '../../../shared/errors';
import { now } from '../../_lib/clock';
import { logger } from '../../_lib/logger';
import { flushMetrics } from '../../_lib/metrics';
import { authenticate, type Access } from './auth';
import { json, toHttp } from './to-http';

/** API Gateway's payload limit is 10 MB; ours is far smaller: uploads go straight to storage. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface Reply {
  status: number;
  body: unknown;
}
export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Route<P, Q, B, A extends Access> {
  access: A;
  params?: P;
  query?: Q;
  body?: B;
}

export interface Request<P, Q, B, A extends Access> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  actor: A extends 'public' ? Actor | undefined : Actor;
  idempotencyKey: string | undefined;
  requestId: string;
  now: Date;
  event: APIGatewayProxyEventV2;
}

function readBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new DomainError('PAYLOAD_TOO_LARGE', `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KB）`);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput('请求内容不是有效的 JSON');
  }
}

function parse<S>(schema: S | undefined, value: unknown, where: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = (schema as unknown as Schema).safeParse(
    value ?? (where === 'body' ? undefined : {}),
  );
  if (result.success) return result.data as Out<S>;
  throw invalidInput('输入有误，请检查后重试', {
    where,
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

const IDEMPOTENCY_KEY = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

function idempotencyKeyOf(event: APIGatewayProxyEventV2): string | undefined {
  // a hand-built event (local tools, tests) may come without headers
  const headers = event.headers as APIGatewayProxyEventV2['headers'] | undefined;
  const raw = headers?.['idempotency-key'] ?? headers?.['Idempotency-Key'];
  if (raw === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.safeParse(raw).success)
    throw invalidInput('Idempotency-Key 格式不正确（8–64 位字母数字）');
  return raw;
}

export function httpHandler<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  A extends Access,
>(route: Route<P, Q, B, A>, operation: (req: Request<P, Q, B, A>) => Promise<Reply>) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    // likewise without a request context
    const context = event.requestContext as APIGatewayProxyEventV2['requestContext'] | undefined;
    const requestId = context?.requestId ?? 'local';
    const headers = { 'x-request-id': requestId };
    logger.appendKeys({ requestId, route: event.routeKey });
    try {
      const actor = await authenticate(event, route.access);
      const req = {
        params: parse(route.params, event.pathParameters, 'params'),
        query: parse(route.query, event.queryStringParameters, 'query'),
        body: parse(route.body, readBody(event), 'body'),
        actor,
        idempotencyKey: idempotencyKeyOf(event),
        requestId,
        now: now(),
        event,
      } as Request<P, Q, B, A>;
      const reply = await operation(req);
      return json(reply.status, reply.body, headers);
    } catch (e) {
      if (e instanceof DomainError) logger.info('refused', { code: e.code });
      return toHttp(e, headers);
    } finally {
      logger.removeKeys(['requestId', 'route']);
      flushMetrics(); // the business metrics this request recorded: one EMF line
    }
  };
}
