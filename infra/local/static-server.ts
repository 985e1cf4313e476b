/**
 * Serves the built H5 client and proxies /v1 to the API, so the page calls its own origin:
 * no CORS, and one H5 build works whatever port the API is on (npm start, e2e tests).
 * Hash router: every unknown path falls back to index.html.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function proxy(req: IncomingMessage, res: ServerResponse, api: URL): void {
  const upstream = request(
    {
      hostname: api.hostname,
      port: api.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: api.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        error: { code: 'UPSTREAM_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
      }),
    );
  });
  req.pipe(upstream);
}

function serveFile(root: string, req: IncomingMessage, res: ServerResponse): void {
  const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
  const candidate = path.normalize(path.join(root, urlPath));
  const inside = candidate.startsWith(path.normalize(root + path.sep));
  const file =
    inside && existsSync(candidate) && statSync(candidate).isFile()
      ? candidate
      : path.join(root, 'index.html');
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    // hashed asset names may be cached forever; index.html must not be
    'cache-control': file.endsWith('index.html')
      ? 'no-cache'
      : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(res);
}

export function serveClient(
  root: string,
  port: number,
  apiBase: string,
  host = '127.0.0.1',
): Promise<Server> {
  const api = new URL(apiBase);
  const server = createServer((req, res) =>
    req.url?.startsWith('/v1/') ? proxy(req, res, api) : serveFile(root, req, res),
  );
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
