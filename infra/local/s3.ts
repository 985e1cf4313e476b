/**
 * A local S3 for material uploads (npm `s3rver`, S3-compatible, file-backed): the pre-signed
 * PUTs the API hands out go here. `npm start` and tests set AWS_ENDPOINT_URL_S3 to its URL
 * and UPLOAD_BUCKET to the bucket it creates.
 *
 * s3rver predates S3's additional checksums: it neither checks `x-amz-checksum-sha256` on a
 * PUT nor answers it on HeadObject. A small proxy in front of it does both, as S3 does: a PUT
 * whose bytes do not match the signed SHA-256 is refused (400 BadDigest), and a HEAD or GET
 * with `x-amz-checksum-mode: ENABLED` is answered with the stored object's SHA-256. The
 * checksums are kept in a file beside the uploads directory, so they survive a restart.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

const readAll = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });

/** `/bucket/key…` of a path-style request, decoded; the query string left out. */
const objectPathOf = (url: string | undefined) =>
  decodeURIComponent(new URL(url ?? '/', 'http://local').pathname);

function badDigest(res: ServerResponse): void {
  res.writeHead(400, { 'content-type': 'application/xml' });
  res.end(
    '<?xml version="1.0" encoding="UTF-8"?><Error><Code>BadDigest</Code><Message>The SHA256 you specified did not match the calculated checksum.</Message></Error>',
  );
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
    port: 0,
    directory: o.directory,
    silent: true,
    // the phone's browser PUTs straight to the bucket, cross-origin, like on S3 (see serverless.yml)
    configureBuckets: [{ name: bucket, configs: [CORS] }],
  });
  const inner = await server.run();

  const checksumFile = `${o.directory.replace(/\/+$/, '')}.checksums.json`;
  const checksums = new Map<string, string>(
    existsSync(checksumFile)
      ? Object.entries(JSON.parse(readFileSync(checksumFile, 'utf8')) as Record<string, string>)
      : [],
  );
  const remember = (path: string, sha256: string | undefined) => {
    if (sha256) checksums.set(path, sha256);
    else checksums.delete(path);
    writeFileSync(checksumFile, JSON.stringify(Object.fromEntries(checksums)));
  };

  const proxy = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const path = objectPathOf(req.url);
      const declared = req.headers['x-amz-checksum-sha256'];
      const sha256 = typeof declared === 'string' ? declared : undefined;
      if (req.method === 'PUT' && sha256 !== undefined) {
        if (createHash('sha256').update(body).digest('base64') !== sha256) {
          badDigest(res);
          return;
        }
      }
      const upstream = request(
        {
          host: '127.0.0.1',
          port: inner.port,
          method: req.method,
          path: req.url,
          headers: req.headers, // the Host header too: s3rver checks the signature over it
        },
        (answer) => {
          const headers = { ...answer.headers };
          const ok = (answer.statusCode ?? 500) < 300;
          if (ok && req.method === 'PUT') remember(path, sha256);
          if (ok && req.method === 'DELETE') remember(path, undefined);
          const known = checksums.get(path);
          if (
            ok &&
            (req.method === 'HEAD' || req.method === 'GET') &&
            req.headers['x-amz-checksum-mode'] === 'ENABLED' &&
            known !== undefined
          ) {
            headers['x-amz-checksum-sha256'] = known;
          }
          res.writeHead(answer.statusCode ?? 500, headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      upstream.end(body);
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    stop: async () => {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await server.close();
    },
  };
}
