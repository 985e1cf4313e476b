/**
 * Exports (issue 14): a CSV written to the bucket's exports/ prefix as it is produced, with a
 * multipart upload — parts of PART_BYTES, so a function holds at most one part in memory
 * whatever the size of the export — and handed out as a short-lived pre-signed GET.
 * Bucket from UPLOAD_BUCKET (the same bucket, another prefix); locally AWS_ENDPOINT_URL_S3
 * points the SDK at s3rver.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { uploadBucket } from './storage';

/** S3's smallest part but the last. */
export const PART_BYTES = 5 * 1024 * 1024;

let client: S3Client | undefined;
function s3(): S3Client {
  client ??= new S3Client({
    forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return client;
}

export interface ExportWriter {
  write(text: string): Promise<void>;
  /** Uploads the last part and completes the object; returns its size in bytes and part count. */
  finish(): Promise<{ bytes: number; parts: number }>;
  abort(): Promise<void>;
}

export async function openExport(key: string, contentType: string): Promise<ExportWriter> {
  const Bucket = uploadBucket();
  const created = await s3().send(
    new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }),
  );
  const UploadId = created.UploadId;
  if (!UploadId) throw new Error('S3 gave no UploadId');
  const parts: { ETag: string; PartNumber: number }[] = [];
  let buffered: Buffer[] = [];
  let size = 0;
  let bytes = 0;
  const flush = async () => {
    const Body = Buffer.concat(buffered);
    buffered = [];
    size = 0;
    const PartNumber = parts.length + 1;
    const out = await s3().send(
      new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber, Body }),
    );
    parts.push({ ETag: out.ETag ?? '', PartNumber });
  };
  return {
    async write(text) {
      const chunk = Buffer.from(text, 'utf8');
      buffered.push(chunk);
      size += chunk.length;
      bytes += chunk.length;
      if (size >= PART_BYTES) await flush();
    },
    async finish() {
      if (size > 0 || parts.length === 0) await flush();
      await s3().send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      return { bytes, parts: parts.length };
    },
    async abort() {
      await s3().send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }));
    },
  };
}

/** A pre-signed GET of an export, valid for `expiresInSeconds`. */
export function presignExportGet(key: string, expiresInSeconds: number): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: uploadBucket(), Key: key }), {
    expiresIn: expiresInSeconds,
  });
}
