/**
 * Materials against a real S3-compatible store: s3rver behind the local proxy that checks
 * and answers SHA-256 checksums as S3 does (infra/local/s3.ts). `realUpload` goes the way
 * the phone does: POST /v1/uploads, then the pre-signed PUT with its headers.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useUploadStore } from '../../../functions/adapters/storage';
import { handler as uploads } from '../../../functions/http/create-upload/handler';
import { startLocalS3, type LocalS3 } from '../../../infra/local/s3';
import { call } from '../../support/http';

export type RealUpload = {
  materialId: string;
  uploadId: string;
  sizeBytes: number;
  sha256: string;
};

/** Starts s3rver (behind the checksum proxy) for this test file and points the handlers at it. */
export async function startUploads(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 's3-materials-'));
  const s3: LocalS3 = await startLocalS3({ directory: dir, bucket: 'zhida-test-uploads' });
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: s3.endpoint, UPLOAD_BUCKET: s3.bucket });
  useUploadStore(undefined); // the real S3 client, not the in-process fake
  return async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.checksums.json`, { force: true });
  };
}

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export async function realUpload(
  token: string,
  materialId: string,
  o: { bytes?: Buffer; contentType?: 'image/png' | 'application/pdf' } = {},
): Promise<RealUpload> {
  const bytes = o.bytes ?? Buffer.from(`%PDF-1.4 ${materialId} ${String(Math.random())}`);
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const ticket = await call(uploads, 'POST /v1/uploads', {
    token,
    body: {
      materialId,
      fileName: `${materialId}.pdf`,
      contentType: o.contentType ?? 'application/pdf',
      sizeBytes: bytes.length,
      sha256,
    },
  });
  if (ticket.status !== 201) throw new Error(`upload ticket: ${String(ticket.status)}`);
  const put = await fetch(ticket.body.url as string, {
    method: 'PUT',
    headers: ticket.body.headers as Record<string, string>,
    body: bytes,
  });
  if (put.status !== 200) throw new Error(`PUT: ${String(put.status)} ${await put.text()}`);
  return { materialId, uploadId: ticket.body.uploadId as string, sizeBytes: bytes.length, sha256 };
}
