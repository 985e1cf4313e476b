/** Builds API Gateway v2 events so tests call the real handlers as Lambda would. */
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export function event(routeKey: string, o: CallOptions = {}): APIGatewayProxyEventV2 {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers,
    pathParameters: o.params,
    queryStringParameters: o.query,
    body: o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
    isBase64Encoded: false,
    requestContext: {
      requestId: `req-${Math.random().toString(36).slice(2, 10)}`,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

/**
 * A handler's reply. `B` types the JSON body when the test knows its shape
 * (`call<{ items: GrantView[] }>(...)`); left out, assertions read the body freely.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the default lets assertions read any body
export interface Called<B = any> {
  status: number;
  body: B;
  headers: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- same default as Called
export async function call<B = any>(
  handler: Handler,
  routeKey: string,
  o: CallOptions = {},
): Promise<Called<B>> {
  const res = (await handler(event(routeKey, o))) as APIGatewayProxyStructuredResultV2;
  const text = typeof res.body === 'string' ? res.body : '';
  return {
    status: res.statusCode ?? 0,
    body: (text ? JSON.parse(text) : undefined) as B,
    headers: (res.headers ?? {}) as Record<string, string>,
  };
}
