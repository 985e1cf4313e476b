/**
 * The e2e files' calls to the local stack from Node (not through the page): the API
 * (E2E_API), a demo user's token, a material uploaded through its pre-signed PUT, an
 * application made with every material, and a scheduled function run on the Lambda port
 * (E2E_LAMBDA). global-setup.ts sets the addresses before any file runs.
 */
import { createHash } from 'node:crypto';

/** An address global-setup.ts set for this run. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by test/e2e/support/global-setup.ts`);
  return value;
}

/**
 * One JSON call to the local API, as the token's holder (none: anonymous). `T` is what the
 * caller expects the body to be (not checked).
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names the JSON body the caller expects
export async function call<T = unknown>(
  method: 'GET' | 'POST',
  route: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${env('E2E_API')}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A demo user's session token (the dev login), the login answered 200. */
export async function login(devUserId: string): Promise<string> {
  const res = await call<{ token: string }>('POST', '/v1/auth/login', undefined, { devUserId });
  expect(res.status).toBe(200);
  return res.body.token;
}

/**
 * One material file through a pre-signed PUT (from Node: the local s3rver sets no CORS); the
 * file's bytes name the `label` and the material. Returns the upload id.
 */
export async function uploadMaterial(
  token: string,
  materialId: string,
  label: string,
): Promise<string> {
  const bytes = Buffer.from(`%PDF-1.4 ${label} ${materialId}\n`);
  const res = await call('POST', '/v1/uploads', token, {
    materialId,
    fileName: `${materialId}.pdf`,
    contentType: 'application/pdf',
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('base64'),
  });
  expect(res.status).toBe(201);
  const ticket = res.body as { uploadId: string; url: string; headers: Record<string, string> };
  const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: bytes });
  expect(put.status).toBe(200);
  return ticket.uploadId;
}

/**
 * The token's holder applies for the policy with every material uploaded (bytes naming
 * `label`, see uploadMaterial) and the receiving account on file; the application was made
 * (201). Returns its body.
 */
export async function applyWithEveryMaterial(
  token: string,
  policyId: string,
  label: string,
  idempotencyKey: string,
): Promise<unknown> {
  const policy = await call<{ materials: { id: string }[] }>(
    'GET',
    `/v1/policies/${policyId}`,
    token,
  );
  expect(policy.status).toBe(200);
  const materials = [];
  for (const m of policy.body.materials)
    materials.push({ materialId: m.id, uploadId: await uploadMaterial(token, m.id, label) });
  const app = await call(
    'POST',
    '/v1/applications',
    token,
    { policyId, materials, account: { source: 'profile' } },
    { 'idempotency-key': idempotencyKey },
  );
  expect(app.status).toBe(201);
  return app.body;
}

/** A scheduled function, run now on serverless-offline's Lambda port, "as of" a later instant. */
export async function invoke(fn: string, asOf: string): Promise<unknown> {
  const res = await fetch(
    `${env('E2E_LAMBDA')}/2015-03-31/functions/zhida-local-${fn}/invocations`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ asOf }),
    },
  );
  const text = await res.text();
  expect(res.status).toBe(200);
  return JSON.parse(text) as unknown;
}
