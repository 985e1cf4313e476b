/**
 * A route contract: everything a caller and a handler must agree on, as data and zod schemas
 * (method, path, who may call, params, query, body, the success answer, the error codes).
 * Pure: no AWS, no clock. The handler wrapper (functions/http/_lib), the client's API
 * functions (client/src/api) and the OpenAPI document (./openapi.ts) are all built from it.
 */
import type { z } from 'zod';
import type { ErrorCode } from '../errors';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The roles a session can have (the kind of its actor). */
export type { Role } from '../vocabulary/role';
import type { Role } from '../vocabulary/role';

/**
 * Who may call: 'public' (no token is read; a public route never depends on who calls),
 * 'any' signed-in user, or one of the listed roles. Ownership (own subject, own department)
 * is checked in the domain, not here.
 */
export type Access = 'public' | 'any' | readonly Role[];

export type SuccessStatus = 200 | 201 | 202;

export interface RouteContract<
  N extends string = string,
  M extends Method = Method,
  A extends Access = Access,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  /** The function's name in infra/functions/*.yml (and the OpenAPI operationId). */
  readonly name: N;
  readonly method: M;
  /**
   * Other methods the same route also answers, with the same meaning: wx.request (the mini-app)
   * has no PATCH, so a PATCH route may also answer POST.
   */
  readonly aliases?: readonly Method[];
  /** As in serverless.yml: `/v1/applications/{id}`. */
  readonly path: string;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  readonly access: A;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * The body is signed by the caller (the treasury's callback): the wrapper hands the raw bytes
   * to the operation, which checks the signature first and then parses `body` itself.
   */
  readonly bodyAfterSignature?: boolean;
  /** The status of a successful answer. */
  readonly status: SuccessStatus;
  /** The success body, parsed by the client as it arrives. */
  readonly response: R;
  /**
   * The error codes this route may answer besides the ones every route of its kind may
   * (INVALID_INPUT with input, UNAUTHENTICATED/FORBIDDEN unless public, PAYLOAD_TOO_LARGE
   * with a body): see `errorsOf`. Any route may also answer 500 INTERNAL (our own bug).
   */
  readonly errors: readonly ErrorCode[];
  /**
   * The route takes an `Idempotency-Key` header. With `scope`, the wrapper records the answer
   * under (user, scope, key) in the same transaction as the change, and a repeat gets the same
   * answer; `{id}`-style placeholders are filled from the params. Without a scope the key is
   * only handed to the operation (e.g. the id of an auto-grant run).
   */
  readonly idempotency?: { readonly scope?: string };
}

export type AnyRoute = RouteContract;

/** Identity, for inference: keeps the literal name, method, access and the exact schemas. */
export function defineRoute<
  const N extends string,
  const M extends Method,
  const A extends Access,
  R extends z.ZodType,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(route: RouteContract<N, M, A, P, Q, B, R>): RouteContract<N, M, A, P, Q, B, R> {
  return route;
}

/** What the route's operation receives, after validation. */
export type ParamsOf<C> =
  C extends RouteContract<
    string,
    Method,
    Access,
    infer P,
    z.ZodType | undefined,
    z.ZodType | undefined
  >
    ? P extends z.ZodType
      ? z.output<P>
      : undefined
    : never;
export type QueryOf<C> =
  C extends RouteContract<
    string,
    Method,
    Access,
    z.ZodType | undefined,
    infer Q,
    z.ZodType | undefined
  >
    ? Q extends z.ZodType
      ? z.output<Q>
      : undefined
    : never;
export type BodyOf<C> =
  C extends RouteContract<
    string,
    Method,
    Access,
    z.ZodType | undefined,
    z.ZodType | undefined,
    infer B
  >
    ? B extends z.ZodType
      ? z.output<B>
      : undefined
    : never;
/** The success body as it goes on the wire (what the client parses). */
export type ResponseOf<C> =
  C extends RouteContract<
    string,
    Method,
    Access,
    z.ZodType | undefined,
    z.ZodType | undefined,
    z.ZodType | undefined,
    infer R
  >
    ? z.input<R>
    : never;

/** What a caller sends: params and query before parsing (strings and numbers), the body's input. */
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;
export type CallArgs<C> =
  C extends RouteContract<string, Method, Access, infer P, infer Q, infer B>
    ? (P extends z.ZodType ? { params: Input<P> } : { params?: undefined }) &
        (Q extends z.ZodType
          ? object extends Input<Q>
            ? { query?: Input<Q> }
            : { query: Input<Q> }
          : { query?: undefined }) &
        (B extends z.ZodType ? { body: Input<B> } : { body?: undefined }) & {
          idempotencyKey?: string;
        }
    : never;
/** The answer as the client has it after parsing with the response schema. */
export type ResultOf<C> =
  C extends RouteContract<
    string,
    Method,
    Access,
    z.ZodType | undefined,
    z.ZodType | undefined,
    z.ZodType | undefined,
    infer R
  >
    ? z.output<R>
    : never;

/** `/v1/applications/{id}` with `{id: 'app_1'}` → `/v1/applications/app_1` (each value URI-encoded). */
export function pathOf(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '')
      throw new Error(`path ${path}: no value for {${name}}`);
    return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

/** The `{name}` placeholders of a path, in order. */
export function placeholdersOf(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? '');
}

/** Every error code the route may answer: its own and those of its kind. */
export function errorsOf(route: AnyRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (route.params ?? route.query ?? route.body) codes.add('INVALID_INPUT');
  if (route.idempotency) codes.add('INVALID_INPUT').add('DUPLICATE');
  if (route.access !== 'public') codes.add('UNAUTHENTICATED').add('FORBIDDEN');
  if (route.body) codes.add('PAYLOAD_TOO_LARGE');
  for (const c of route.errors) codes.add(c);
  return [...codes];
}
