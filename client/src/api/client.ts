/**
 * The only module that calls Taro.request. Every endpoint module goes through
 * `call`, so the base URL, the session token, the Idempotency-Key header and the
 * error envelope of DESIGN.md §8 are handled here once.
 */
import Taro from '@tarojs/taro';
import type { ZodType, output } from 'zod';
import { pathOf, type AnyRoute, type CallArgs, type ResultOf } from '@shared/contracts/define';
import { authRefresh } from '@shared/contracts/identity';

/** What wx.request can send (it has no PATCH). */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The API origin without a trailing slash. A base of '/' (the local stack's H5 build,
 * whose static server proxies /v1) yields '' so every URL is a same-origin `/v1/...`.
 */
export function normalizeBase(base: string | undefined): string {
  if (base === undefined) return 'http://localhost:3000';
  return base.trim().replace(/\/+$/, '');
}

/** Build-time constant (config/index.ts), so a weapp package carries its own API host. */
export const BASE_URL: string = normalizeBase(
  typeof API_BASE !== 'undefined' ? API_BASE : undefined,
);

const SESSION_KEY = 'zhida.session';
const TIMEOUT_MS = 15_000;

export const NETWORK_MESSAGE = '网络不稳定，请稍后重试';
const FALLBACK_MESSAGE = '系统繁忙，请稍后再试';
const BAD_LINK_MESSAGE = '链接不完整，找不到要打开的记录';

/** What a page may show: `message` is always Chinese and safe to display. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The server's SNAKE_CASE code, or NETWORK / HTTP_<status> when it sent none. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(status: number, body: unknown): ApiError {
    const envelope = parseEnvelope(body);
    if (envelope) return new ApiError(status, envelope.code, envelope.message, envelope.details);
    // A proxy's HTML page or an empty body: keep the status, never show the raw text.
    return new ApiError(
      status,
      status === 401 ? 'UNAUTHENTICATED' : `HTTP_${status}`,
      status === 401 ? '请先登录' : FALLBACK_MESSAGE,
    );
  }
}

function parseEnvelope(
  body: unknown,
): { code: string; message: string; details?: unknown } | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const error = (value as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return undefined;
  const { code, message, details } = error as Record<string, unknown>;
  if (typeof code !== 'string') return undefined;
  return {
    code,
    message: typeof message === 'string' && message ? message : FALLBACK_MESSAGE,
    details,
  };
}

// ---- session ------------------------------------------------------------

export interface Session {
  token: string;
  userId: string;
  role: 'applicant' | 'reviewer' | 'admin' | 'auditor';
  name: string;
  /** single-use: POST /v1/auth/refresh trades it for the next access token (15 minutes) and the next refresh token */
  refreshToken?: string;
}

export function getSession(): Session | undefined {
  try {
    const s = Taro.getStorageSync<Session | '' | undefined>(SESSION_KEY);
    return s && typeof s === 'object' && s.token ? s : undefined;
  } catch {
    return undefined;
  }
}

export function setSession(s: Session): void {
  Taro.setStorageSync(SESSION_KEY, s);
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY);
}

// ---- idempotency ----------------------------------------------------------

/**
 * A fresh key for one user intent. Create it when the form mounts and reuse it
 * for every retry of that submit, so a double tap or a retried timeout is one write.
 */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  // weapp has no crypto.randomUUID; uniqueness, not secrecy, is what matters here.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => {
    const r = (Math.random() * 16) | 0;
    return (ch === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

// ---- the call -------------------------------------------------------------

async function send(
  method: Method,
  path: string,
  body: unknown,
  idempotencyKey: string | undefined,
): Promise<{ statusCode: number; data: unknown }> {
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  const session = getSession();
  if (session) header.Authorization = `Bearer ${session.token}`;
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;
  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({
      url: BASE_URL + path,
      method,
      data: body as never,
      header,
      timeout: TIMEOUT_MS,
      dataType: 'json',
    });
  } catch {
    // DNS, offline, timeout, CORS: the server never answered.
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- Taro's types promise a response; some H5 failures resolve with none
  if (!res || typeof res.statusCode !== 'number' || res.statusCode === 0) {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  return res;
}

const reasonOf = (data: unknown): unknown => {
  const details = parseEnvelope(data)?.details;
  return details && typeof details === 'object'
    ? (details as { reason?: unknown }).reason
    : undefined;
};

let refreshing: Promise<boolean> | undefined;

/**
 * Trades the stored refresh token for a new pair. One at a time: a refresh token is single
 * use, and the server ends every session when one is presented twice (REFRESH_REUSED).
 */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = getSession();
    if (!session?.refreshToken) return false;
    try {
      const res = await Taro.request({
        url: BASE_URL + authRefresh.path,
        method: authRefresh.method,
        data: { refreshToken: session.refreshToken } as never,
        header: { 'Content-Type': 'application/json' },
        timeout: TIMEOUT_MS,
        dataType: 'json',
      });
      const data = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as
        { token?: unknown; refreshToken?: unknown } | null | undefined;
      if (
        res.statusCode !== 200 ||
        typeof data?.token !== 'string' ||
        typeof data.refreshToken !== 'string'
      )
        return false;
      setSession({ ...session, token: data.token, refreshToken: data.refreshToken });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

export type Query = { [key: string]: unknown };

/** `path?k=v&…` with values encoded and empty ones dropped. */
export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/**
 * One request to a route, by its contract (shared/contracts): the path with its params
 * filled in, the query, the body and the Idempotency-Key, all typed by the contract, and the
 * answer parsed with the contract's response schema.
 */
/** wx.request has no PATCH: a PATCH route is sent as its POST alias (a contract without one cannot be called). */
function sendableMethodOf(route: AnyRoute): Method {
  if (route.method !== 'PATCH') return route.method;
  if (route.aliases?.includes('POST')) return 'POST';
  throw new Error(`${route.name}: PATCH without a POST alias cannot be sent by wx.request`);
}

export function call<C extends AnyRoute>(route: C, args: CallArgs<C>): Promise<ResultOf<C>> {
  const { params, query, body, idempotencyKey } = args as {
    params?: Record<string, unknown>;
    query?: Query;
    body?: unknown;
    idempotencyKey?: string;
  };
  let path: string;
  try {
    path = pathOf(route.path, params);
  } catch {
    // A detail page opened from a link without its ?id= (or mounted before its route settled):
    // nothing to ask the server; say so in words, and never as a thrown bug.
    return Promise.reject(new ApiError(0, 'BAD_LINK', BAD_LINK_MESSAGE));
  }
  return callPath(
    sendableMethodOf(route),
    withQuery(path, query),
    route.response,
    body,
    idempotencyKey,
  ) as Promise<ResultOf<C>>;
}

/**
 * One request (STYLE §8). The answer is parsed with the shared response schema, so a
 * server that drifted from the contract shows an error instead of a half-drawn page.
 * `idempotencyKey` is sent as the Idempotency-Key header: create it once per user intent.
 */
export async function callPath<S extends ZodType>(
  method: Method,
  path: string,
  out: S,
  body?: unknown,
  idempotencyKey?: string,
): Promise<output<S>> {
  let res = await send(method, path, body, idempotencyKey);
  // An expired access token (15 minutes) is renewed once with the refresh token, then the request repeats.
  if (
    res.statusCode === 401 &&
    reasonOf(res.data) === 'TOKEN_EXPIRED' &&
    (await refreshSession())
  ) {
    res = await send(method, path, body, idempotencyKey);
  }
  if (res.statusCode >= 400) {
    // A dead token is not recoverable by retrying: drop it so the next page asks to log in.
    if (res.statusCode === 401) clearSession();
    throw ApiError.from(res.statusCode, res.data);
  }
  let data = res.data;
  if (typeof data === 'string' && data !== '') {
    try {
      data = JSON.parse(data);
    } catch {
      /* parsed below and refused */
    }
  }
  const parsed = out.safeParse(data);
  if (!parsed.success) {
    // Our own bug (client and server disagree): log the paths, never the body (it may hold personal data).
    console.error(
      `response of ${method} ${path} does not match its schema`,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
    throw new ApiError(res.statusCode, 'BAD_RESPONSE', FALLBACK_MESSAGE);
  }
  return parsed.data;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Text for any thrown value, for the error state of a page. */
export function messageOf(e: unknown): string {
  return isApiError(e) ? e.message : FALLBACK_MESSAGE;
}

/** Opaque-cursor page of a list (DESIGN.md §8). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A pre-signed upload: the bytes go straight to object storage, never through our API,
 * so no session token is sent. The headers are the ones the URL was signed with.
 */
export async function putBytes(
  url: string,
  headers: Record<string, string>,
  bytes: ArrayBuffer,
): Promise<void> {
  // Browsers set Content-Length themselves and refuse a script that names it.
  const header =
    process.env.TARO_ENV === 'h5'
      ? Object.fromEntries(
          Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-length'),
        )
      : { ...headers };
  let res: { statusCode: number };
  try {
    res = await Taro.request({
      url,
      method: 'PUT',
      data: bytes as never,
      header,
      timeout: 60_000,
      responseType: 'text',
      dataType: '其他',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- as in send(): the types promise more than H5 gives
  if (!res || !res.statusCode) throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  if (res.statusCode >= 300)
    throw new ApiError(res.statusCode, 'UPLOAD_FAILED', '文件上传失败，请重试');
}
