/**
 * Sizes figure: what users and Lambda download.
 * - every function's zip from `osls package` (goal: each ≤ 300 KB);
 * - the weapp build: main package (everything outside the subpackage roots app.json
 *   declares; WeChat's limit is 2 MB, ours 1 MB) and total;
 * - H5: the scripts client/dist/h5/index.html loads first, gzipped with zlib (≤ 150 KB); and
 *   every script a first visit downloads before its first page shows, in headless Chromium at
 *   390×844: on Taro H5 every page is a lazy chunk, the first one too, so index.html's scripts
 *   alone undercount what a phone waits for (they fell 57 KB when app.js moved code into the
 *   first page's chunks, while the first visit fell 22 KB).
 * A client build is reused when it is newer than every client source file, else rebuilt.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { freePort } from '../../infra/local/dynamodb-local';
import { serveClient } from '../../infra/local/static-server';
import { launch } from '../e2e/support/browser';
import { errorRow, type Row } from './table';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CLIENT = path.join(ROOT, 'client');
const KB = 1024;

export const LAMBDA_ZIP_GOAL_KB = 300;
export const WEAPP_MAIN_GOAL_KB = 1024;
export const H5_INITIAL_GZ_GOAL_KB = 150;

export interface SizesOptions {
  /** rebuild the client when its dist is older than its sources (else report the stale dist, noted) */
  build: boolean;
  log: (line: string) => void;
}

function walk(
  dir: string,
  out: { file: string; size: number; mtimeMs: number }[] = [],
): typeof out {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '.cache')
        continue;
      walk(p, out);
    } else if (entry.isFile()) {
      const s = statSync(p);
      out.push({ file: p, size: s.size, mtimeMs: s.mtimeMs });
    }
  }
  return out;
}

/** Newest client input: sources, config, package.json. */
function newestClientInput(): number {
  const inputs = [...walk(path.join(CLIENT, 'src')), ...walk(path.join(CLIENT, 'config'))];
  for (const f of ['package.json', 'babel.config.js', 'project.config.json', 'tsconfig.json']) {
    const p = path.join(CLIENT, f);
    if (existsSync(p)) inputs.push({ file: p, size: 0, mtimeMs: statSync(p).mtimeMs });
  }
  return Math.max(...inputs.map((f) => f.mtimeMs));
}

/** A build is fresh when its oldest output is newer than the newest input (Taro empties dist first). */
function isFresh(dist: string): boolean {
  if (!existsSync(dist)) return false;
  const files = walk(dist);
  if (files.length === 0) return false;
  return Math.min(...files.map((f) => f.mtimeMs)) >= newestClientInput();
}

async function ensureBuild(type: 'weapp' | 'h5', o: SizesOptions): Promise<string> {
  const dist = path.join(CLIENT, 'dist', type);
  if (isFresh(dist)) return 'existing build, newer than every client source';
  if (!o.build)
    return existsSync(dist) ? 'STALE build (older than client sources), --no-build' : 'no build';
  o.log(`sizes: building ${type} (npx taro build --type ${type}) …`);
  // The same environment startStack's H5 build uses: relative API base, production.
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    ...(type === 'h5' ? { TARO_APP_API: '/' } : {}),
  };
  const t0 = Date.now();
  await run('npx', ['taro', 'build', '--type', type], {
    cwd: CLIENT,
    env,
    maxBuffer: 64 * 2 ** 20,
    timeout: 600_000,
  });
  return `built now in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
}

/** The shell's environment without the local stack's switches (same filter as test/package). */
function deployerEnv(): NodeJS.ProcessEnv {
  const local =
    /^(ZHIDA_|DEV_LOGIN|SCHEDULE_CLOCK_OVERRIDE|WECHAT_MODE|UPLOAD_BUCKET|TABLE_NAME|TREASURY_URL|TREASURY_HMAC_SECRET|AWS_ENDPOINT_URL)/;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !local.test(k)));
}

/** The lines a failed command printed after "Error:" (osls), else its last stderr line. */
function commandFailure(e: unknown): string {
  const {
    stdout = '',
    stderr = '',
    message = String(e),
  } = e as { stdout?: string; stderr?: string; message?: string };
  const text = `${stdout}\n${stderr}`;
  const at = text.lastIndexOf('Error:');
  const detail =
    at >= 0 ? text.slice(at + 'Error:'.length) : stderr.trim().split('\n').slice(-3).join(' ');
  const summary =
    detail
      .split(/Environment:|Docs:/)[0]
      ?.replace(/\s+/g, ' ')
      .trim() || message.split('\n')[0];
  return `osls package failed: ${String(summary)}`.slice(0, 400);
}

export async function lambdaRows(o: SizesOptions): Promise<Row[]> {
  const out = mkdtempSync(path.join(tmpdir(), 'zhida-bench-pkg-'));
  try {
    o.log('sizes: osls package --stage bench …');
    const t0 = Date.now();
    await run(
      path.join(ROOT, 'node_modules/.bin/osls'),
      ['package', '--stage', 'bench', '--package', out],
      {
        cwd: ROOT,
        // as the package test does: a deployer's environment, nothing inherited from a local stack
        env: {
          ...deployerEnv(),
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          SESSION_SECRET: 'ci-secret-ci-secret-ci-secret-0123456',
          SUBJECT_ID_KEY: 'ci-subject-id-key-ci-subject-id-key-012345',
          TREASURY_URL: 'https://treasury.example.invalid',
          TREASURY_HMAC_SECRET: 'ci-treasury-secret-ci-treasury-secret-0123',
        },
        maxBuffer: 64 * 2 ** 20,
        timeout: 600_000,
      },
    );
    const zips = readdirSync(out)
      .filter((f) => f.endsWith('.zip'))
      .map((f) => ({ name: f.replace(/\.zip$/, ''), kb: statSync(path.join(out, f)).size / KB }))
      .sort((a, b) => b.kb - a.kb);
    const largest = zips[0];
    if (!largest) throw new Error('osls package produced no zip');
    const over = zips.filter((z) => z.kb > LAMBDA_ZIP_GOAL_KB);
    const total = zips.reduce((a, z) => a + z.kb, 0);
    return [
      {
        id: 'sizes.lambda',
        figure: 'Sizes',
        metric: `largest function zip (osls package, ${zips.length} functions)`,
        value: largest.kb,
        unit: 'KB',
        reference: { label: 'mean', value: total / zips.length, unit: 'KB' },
        goal: `each ≤ ${LAMBDA_ZIP_GOAL_KB} KB`,
        met: over.length === 0,
        status: 'ok',
        note: `largest ${largest.name}; ${zips.length} zips, ${over.length} over the goal${over.length ? ` (${over.map((z) => z.name).join(', ')})` : ''}; packaged in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      },
    ];
  } catch (e) {
    return [
      errorRow(
        'sizes.lambda',
        'Sizes',
        'function zips (osls package)',
        new Error(commandFailure(e)),
      ),
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function weappRows(o: SizesOptions): Promise<Row[]> {
  try {
    const how = await ensureBuild('weapp', o);
    const dist = path.join(CLIENT, 'dist/weapp');
    const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as {
      subPackages?: { root: string }[];
      subpackages?: { root: string }[];
    };
    const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map(
      (s) => path.join(dist, s.root.replace(/\/$/, '')) + path.sep,
    );
    const files = walk(dist);
    const total = files.reduce((a, f) => a + f.size, 0) / KB;
    const main =
      files
        .filter((f) => !roots.some((r) => f.file.startsWith(r)))
        .reduce((a, f) => a + f.size, 0) / KB;
    return [
      {
        id: 'sizes.weapp-main',
        figure: 'Sizes',
        metric: 'weapp main package',
        value: main,
        unit: 'KB',
        reference: { label: 'total with subpackages', value: total, unit: 'KB' },
        goal: `≤ ${WEAPP_MAIN_GOAL_KB} KB`,
        met: main <= WEAPP_MAIN_GOAL_KB,
        status: 'ok',
        note: `${how}; ${files.length} files, subpackages ${roots.length ? roots.map((r) => path.relative(dist, r)).join(', ') : 'none'}`,
      },
    ];
  } catch (e) {
    return [errorRow('sizes.weapp-main', 'Sizes', 'weapp main package', e)];
  }
}

export async function h5Rows(o: SizesOptions): Promise<Row[]> {
  try {
    const how = await ensureBuild('h5', o);
    const dist = path.join(CLIENT, 'dist/h5');
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)]
      .map((m) => m[1] ?? '')
      .filter((s) => s && !/^https?:/.test(s));
    if (srcs.length === 0) throw new Error('index.html references no script');
    let raw = 0;
    let gz = 0;
    for (const src of srcs) {
      const body = readFileSync(path.join(dist, src.replace(/^\.?\//, '')));
      raw += body.length;
      gz += gzipSync(body).length;
    }
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
      (a, m) => a + gzipSync(m[1] ?? '').length,
      0,
    );
    return [
      {
        id: 'sizes.h5-initial',
        figure: 'Sizes',
        metric: `H5 initial JS, gzipped (${srcs.length} scripts)`,
        value: gz / KB,
        unit: 'KB',
        reference: { label: 'raw', value: raw / KB, unit: 'KB' },
        goal: `≤ ${H5_INITIAL_GZ_GOAL_KB} KB`,
        met: gz / KB <= H5_INITIAL_GZ_GOAL_KB,
        status: 'ok',
        note: `${how}; ${srcs.join(', ')} (zlib default level)${inline ? `; + ${(inline / KB).toFixed(1)} KB inline script` : ''}`,
      },
      await h5FirstVisitRow(dist, gz / KB).catch((e: unknown) =>
        errorRow('sizes.h5-first-visit', 'Sizes', 'H5 first visit, gzipped', e),
      ),
    ];
  } catch (e) {
    return [errorRow('sizes.h5-initial', 'Sizes', 'H5 initial JS, gzipped', e)];
  }
}

/**
 * The scripts a first visit downloads until its first page has rendered: the built H5 served as
 * npm start serves it, with no API behind it (the page shows its error state; its code is the
 * same), opened as a phone; each script is counted once, gzipped from disk like the initial row.
 */
export async function h5FirstVisitRow(dist: string, initialGzKb: number): Promise<Row> {
  const port = await freePort();
  // an API nobody answers: the first page renders its own empty or error state
  const server = await serveClient(dist, port, 'http://127.0.0.1:9');
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const scripts = new Set<string>();
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.port === String(port) && url.pathname.endsWith('.js') && r.ok())
        scripts.add(url.pathname);
    });
    await page.goto(`http://127.0.0.1:${String(port)}/`, { waitUntil: 'networkidle' });
    await page.locator('.taro_page').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    let gz = 0;
    let raw = 0;
    for (const src of scripts) {
      const body = readFileSync(path.join(dist, src.replace(/^\//, '')));
      raw += body.length;
      gz += gzipSync(body).length;
    }
    return {
      id: 'sizes.h5-first-visit',
      figure: 'Sizes',
      metric: `H5 first visit: every script until the first page shows, gzipped (${String(scripts.size)} scripts)`,
      value: gz / KB,
      unit: 'KB',
      reference: { label: 'of which index.html loads', value: initialGzKb, unit: 'KB' },
      met: null,
      status: 'ok',
      note: `raw ${(raw / KB).toFixed(0)} KB; headless Chromium at 390×844; ${[...scripts].join(', ')}`,
    };
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
}

export async function sizesFigure(options: Partial<SizesOptions> = {}): Promise<Row[]> {
  const o: SizesOptions = { build: true, log: () => undefined, ...options };
  // One at a time: on two shared cores parallel builds only slow each other down.
  return [...(await lambdaRows(o)), ...(await weappRows(o)), ...(await h5Rows(o))];
}
