/**
 * One wrapper for every HTTP handler, built from the route's contract (shared/contracts):
 * reads the body, validates params/query/body with the contract's zod schemas, authenticates
 * and checks the contract's roles, runs the operation, keeps the idempotency record when the
 * contract has one, and answers with the contract's success status. The operation returns the
 * domain view only. It must catch everything: serverless-offline answers an uncaught throw
 * with HTTP 200.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { z } from 'zod';
import type {
  Actor,
  AdminActor,
  ApplicantActor,
  AuditorActor,
  ReviewerActor,
} from '../../../shared/actor';
import type {
  Access,
  AnyRoute,
  BodyOf,
  ParamsOf,
  QueryOf,
  ResponseOf,
  Role,
} from '../../../shared/contracts/define';
import { DomainError, invalidInput } from '../../../shared/errors';
import { now } from '../../_lib/clock';
import { logger } from '../../_lib/logger';
import { flushMetrics } from '../../_lib/metrics';
import { noGuard, type Guard } from '../../services/idempotency';
import { authenticate } from './auth';
import { json, toHttp } from './to-http';

/** API Gateway's payload limit is 10 MB; ours is far smaller: uploads go straight to storage. */
export const MAX_BODY_BYTES = 64 * 1024;

interface ActorByRole {
  applicant: ApplicantActor;
  reviewer: ReviewerActor;
  admin: AdminActor;
  auditor: AuditorActor;
}

/** The caller as the contract's access guarantees it: an admin-only route gets an AdminActor. */
export type ActorOf<A extends Access> = A extends 'public'
  ? undefined
  : A extends 'any'
    ? Exclude<Actor, { kind: 'system' }>
    : A extends readonly (infer R extends Role)[]
      ? ActorByRole[R]
      : never;

type AccessOf<C> = C extends { access: infer A extends Access } ? A : never;

export interface Request<C extends AnyRoute> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
  actor: ActorOf<AccessOf<C>>;
  idempotencyKey: string | undefined;
  /**
   * The idempotency record's transaction items for the answer (same transaction as the
   * change); gives none unless the contract has an idempotency scope and a key was sent.
   */
  guard: Guard;
  /** The body's bytes as sent (for routes whose body is signed). */
  rawBody: string;
  requestId: string;
  now: Date;
  event: APIGatewayProxyEventV2;
}

function rawBodyOf(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** The JSON body: 413 above MAX_BODY_BYTES, 400 when it is not JSON; undefined when empty. */
export function readBody(text: string): unknown {
  if (!text) return undefined;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new DomainError('PAYLOAD_TOO_LARGE', `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KB）`);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput('请求内容不是有效的 JSON');
  }
}

/** The contract's schema applied to one part of the request; 400 listing each wrong field. */
export function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
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

export function httpHandler<C extends AnyRoute>(
  route: C,
  operation: (req: Request<C>) => Promise<ResponseOf<C>>,
) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    // likewise without a request context
    const context = event.requestContext as APIGatewayProxyEventV2['requestContext'] | undefined;
    const requestId = context?.requestId ?? 'local';
    const headers = { 'x-request-id': requestId };
    logger.appendKeys({ requestId, route: event.routeKey });
    try {
      const actor = await authenticate(event, route.access);
      const rawBody = rawBodyOf(event);
      const req = {
        params: parsePart(route.params, event.pathParameters, 'params'),
        query: parsePart(route.query, event.queryStringParameters, 'query'),
        body: route.bodyAfterSignature
          ? undefined
          : parsePart(route.body, readBody(rawBody), 'body'),
        actor,
        idempotencyKey: idempotencyKeyOf(event),
        guard: noGuard,
        rawBody,
        requestId,
        now: now(),
        event,
      } as Request<C>;
      const scope = route.idempotency?.scope;
      let view: unknown;
      if (scope !== undefined && req.idempotencyKey !== undefined && actor && 'userId' in actor) {
        // loaded on first use, like the session check: routes without a record never load it
        const { once, scopeOf } = await import('./idempotency');
        view = await once(
          {
            userId: actor.userId,
            scope: scopeOf(scope, req.params),
            key: req.idempotencyKey,
            request: req.body,
            status: route.status,
          },
          (guard) => operation({ ...req, guard }),
        );
      } else {
        view = await operation(req);
      }
      return json(route.status, view, headers);
    } catch (e) {
      if (e instanceof DomainError) logger.info('refused', { code: e.code });
      return toHttp(e, headers);
    } finally {
      logger.removeKeys(['requestId', 'route']);
      flushMetrics(); // the business metrics this request recorded: one EMF line
    }
  };
}
