/** The pre-signed PUT against a real S3-compatible store (s3rver): the file lands under the subject's prefix. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalS3, type LocalS3 } from '../../../infra/local/s3';
import { call } from '../../support/http';
import { handler as uploads } from '../../../functions/http/create-upload/handler';
import { demoCounty, type DemoUser } from './setup';

let tokens: Record<DemoUser, string>;
let s3: LocalS3;
const dir = mkdtempSync(join(tmpdir(), 's3-'));

beforeAll(async () => {
  tokens = await demoCounty();
  s3 = await startLocalS3({ directory: dir, bucket: 'zhida-test-uploads' });
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('uploads a material with the signed URL and headers', async () => {
  const bytes = Buffer.from('%PDF-1.4 fake licence');
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const ticket = await call(uploads, 'POST /v1/uploads', {
    token: tokens.wangxm01,
    body: {
      materialId: 'business_licence',
      fileName: '营业执照.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256,
    },
  });
  expect(ticket.status).toBe(201);
  expect(ticket.body.url.startsWith(s3.endpoint)).toBe(true);
  const put = await fetch(ticket.body.url, {
    method: 'PUT',
    headers: ticket.body.headers,
    body: bytes,
  });
  expect(put.status).toBe(200);
});
