/**
 * A local S3 for material uploads (npm `s3rver`, S3-compatible, file-backed): the pre-signed
 * PUTs the API hands out go here. `npm start` and tests set AWS_ENDPOINT_URL_S3 to its URL
 * and UPLOAD_BUCKET to the bucket it creates.
 */
// s3rver ships no types; the surface used here is small.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped package, typed by the cast below
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
};

// s3rver knows only its built-in key pair (S3RVER/S3RVER); the local stack signs with its own
// fake credentials, so they are registered on the same dummy account.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped internal module, typed by the cast below
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
};

const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

export async function startLocalS3(o: {
  port?: number;
  directory: string;
  bucket?: string;
}): Promise<LocalS3> {
  const bucket = o.bucket ?? 'zhida-local-uploads';
  const { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret } = process.env;
  if (keyId && secret) DUMMY_ACCOUNT.createKeyPair(keyId, secret);
  const server = new S3rver({
    address: '127.0.0.1',
    port: o.port ?? 0,
    directory: o.directory,
    silent: true,
    // the phone's browser PUTs straight to the bucket, cross-origin, like on S3 (see serverless.yml)
    configureBuckets: [{ name: bucket, configs: [CORS] }],
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, bucket, stop: () => server.close() };
}
