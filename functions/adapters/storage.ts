/**
 * Material files go straight from the phone to object storage with a pre-signed PUT; the
 * Lambda never sees the bytes. The SHA-256 the client declares is signed into the URL
 * (`x-amz-checksum-sha256`), so storage refuses a file whose bytes do not match.
 * Bucket from UPLOAD_BUCKET; AWS_ENDPOINT_URL_S3 points the SDK at s3rver locally.
 *
 * Reading back (issue 14): `headUpload` asks storage what it holds under a key (HeadObject
 * with ChecksumMode ENABLED: size and SHA-256), and `presignGet` hands out a short-lived link
 * to open a material. Both go through `uploadStore()`, which tests may replace in-process
 * (`useUploadStore`): there is no configuration switch that turns the check off.
 */
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

let client: S3Client | undefined;

function s3(): S3Client {
  if (!client) {
    client = new S3Client({
      // s3rver serves buckets by path, not by virtual host
      forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
      // only the checksum we sign; the SDK's default CRC32 would need the body to compute
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
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

/** What storage holds under a key: its size, and the SHA-256 (base64) it checked the bytes against, if any. */
export interface StoredObject {
  sizeBytes: number;
  sha256?: string;
  contentType?: string;
}

export interface UploadStore {
  /** undefined when nothing is stored under the key */
  head(key: string): Promise<StoredObject | undefined>;
  /** a GET link valid for `expiresInSeconds`, answering with the given file name */
  presignGet(key: string, o: { expiresInSeconds: number; fileName: string }): Promise<string>;
}

const s3Store: UploadStore = {
  async head(key) {
    try {
      const out = await s3().send(
        new HeadObjectCommand({ Bucket: uploadBucket(), Key: key, ChecksumMode: 'ENABLED' }),
      );
      return {
        sizeBytes: out.ContentLength ?? 0,
        ...(out.ChecksumSHA256 ? { sha256: out.ChecksumSHA256 } : {}),
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
      };
    } catch (e) {
      if (e instanceof NotFound) return undefined;
      if (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404) return undefined;
      throw e;
    }
  },
  presignGet(key, o) {
    const command = new GetObjectCommand({
      Bucket: uploadBucket(),
      Key: key,
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(o.fileName)}`,
    });
    return getSignedUrl(s3(), command, { expiresIn: o.expiresInSeconds });
  },
};

let store: UploadStore = s3Store;

export const uploadStore = (): UploadStore => store;

/** Tests only: replace the store in this process (undefined restores S3). */
export function useUploadStore(replacement: UploadStore | undefined): void {
  store = replacement ?? s3Store;
}

/**
 * A pre-signed PUT for a feed file (issue #16): up to 1 GB, so no SHA-256 is asked of the
 * phone (it would have to hold the whole file to compute one); the length is signed in.
 */
export async function presignFeedPut(o: {
  key: string;
  sizeBytes: number;
  expiresInSeconds: number;
}): Promise<PresignedPut> {
  const contentType = 'application/octet-stream';
  const command = new PutObjectCommand({
    Bucket: uploadBucket(),
    Key: o.key,
    ContentType: contentType,
    ContentLength: o.sizeBytes,
  });
  const url = await getSignedUrl(s3(), command, {
    expiresIn: o.expiresInSeconds,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return {
    url,
    headers: { 'content-type': contentType, 'content-length': String(o.sizeBytes) },
  };
}

/** The object's size, or undefined when there is none under `key`. */
export async function objectSize(key: string): Promise<number | undefined> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: uploadBucket(), Key: key }));
    return out.ContentLength;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
    throw e;
  }
}

/**
 * The object's bytes as a stream (read as they arrive: a 1 GB feed is never held whole); with
 * `span`, only the bytes `start` ≤ i < `end` (a ranged GET: a feed range's worker, issue #16).
 */
export async function openObject(
  key: string,
  span?: { start: number; end: number },
): Promise<Readable> {
  const out = await s3().send(
    new GetObjectCommand({
      Bucket: uploadBucket(),
      Key: key,
      // HTTP ranges are inclusive; an empty span is never asked for (the caller reads nothing)
      ...(span ? { Range: `bytes=${String(span.start)}-${String(span.end - 1)}` } : {}),
    }),
  );
  if (!out.Body) throw new Error(`object ${key} has no body`);
  return out.Body as Readable;
}
