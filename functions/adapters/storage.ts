/**
 * Material files go straight from the phone to object storage with a pre-signed PUT; the
 * Lambda never sees the bytes. The SHA-256 the client declares is signed into the URL
 * (`x-amz-checksum-sha256`), so storage refuses a file whose bytes do not match.
 * Bucket from UPLOAD_BUCKET; AWS_ENDPOINT_URL_S3 points the SDK at s3rver locally.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

let client: S3Client | undefined;

function s3(): S3Client {
  if (!client) {
    client = new S3Client({
      // s3rver serves buckets by path, not by virtual host
      forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
      // only the checksum we sign; the SDK's default CRC32 would need the body to compute
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  }
  return client;
}

export function uploadBucket(): string {
  const bucket = process.env.UPLOAD_BUCKET;
  if (!bucket) throw new Error('UPLOAD_BUCKET is not set');
  return bucket;
}

export interface PresignedPut {
  url: string;
  headers: Record<string, string>;
}

export async function presignPut(o: {
  key: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  expiresInSeconds: number;
}): Promise<PresignedPut> {
  const command = new PutObjectCommand({
    Bucket: uploadBucket(),
    Key: o.key,
    ContentType: o.contentType,
    ContentLength: o.sizeBytes,
    ChecksumSHA256: o.sha256,
  });
  const url = await getSignedUrl(s3(), command, {
    expiresIn: o.expiresInSeconds,
    signableHeaders: new Set(['content-type', 'content-length']),
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
  return {
    url,
    headers: {
      'content-type': o.contentType,
      'content-length': String(o.sizeBytes),
      'x-amz-checksum-sha256': o.sha256,
    },
  };
}
