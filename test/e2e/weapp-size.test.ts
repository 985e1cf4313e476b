/**
 * The weapp build, built once for both tests:
 * - WeChat refuses a main package over 2 MB and we hold ourselves to 1 MB (the first open is one
 *   download on a phone); reviewer and admin pages must be subpackages that applicants never
 *   download, and so are the loan pages (loan, guarantor, bank). Prints the sizes.
 * - WeChat's own code-quality panel (代码质量), run offline with the official miniprogram-ci on
 *   client/dist/weapp: every check passes. Prints each check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RESULT_PREFIX, type CodeQualityCheck } from './support/weapp-code-quality';

const ROOT = path.resolve(__dirname, '../..');
const CLIENT = path.join(ROOT, 'client');
const OUT = path.join(CLIENT, 'dist/weapp');
const SUBPACKAGES = ['reviewer', 'admin', 'loan', 'guarantor', 'bank'];

/** The eleven checks of WeChat's code-quality panel (miniprogram-ci 2.1.42, README 质量扫描结果说明). */
const CODE_QUALITY_CHECKS = [
  'PACKAGE_SIZE_LIMIT',
  'JS_COMPRESS_OPEN',
  'WXML_COMPRESS_OPEN',
  'WXSS_COMPRESS_OPEN',
  'LAZYCODE_LOADING_OPEN',
  'IMAGE_AND_AUDIO_LIMIT',
  'CONTAINS_OTHER_PKG_JS',
  'CONTAINS_OTHER_PKG_COMPONENTS',
  'CONTAINS_UNUSED_PLUGINS',
  'CONTAINS_UNUSED_COMPONENTS',
  'CONTAINS_UNUSED_CODES',
];

function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const p = path.join(dir, e.name);
    return n + (e.isDirectory() ? bytesUnder(p) : statSync(p).size);
  }, 0);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

beforeAll(() => {
  execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: CLIENT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
    timeout: 240_000,
  });
});

test('weapp builds; main package < 1 MB; staff and loan pages are subpackages', () => {
  const app = JSON.parse(readFileSync(path.join(OUT, 'app.json'), 'utf8')) as {
    subPackages?: { root: string; pages: string[] }[];
    subpackages?: { root: string }[];
  };
  const declared = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  expect(declared.sort()).toEqual([...SUBPACKAGES].sort());

  const total = bytesUnder(OUT);
  const subs = Object.fromEntries(
    SUBPACKAGES.map((s) => {
      const dir = path.join(OUT, s);
      expect(existsSync(dir)).toBe(true);
      return [s, bytesUnder(dir)];
    }),
  );
  const main = total - Object.values(subs).reduce((a, b) => a + b, 0);
  console.log(
    `weapp sizes: main ${kb(main)}, ${Object.entries(subs)
      .map(([s, n]) => `${s} ${kb(n)}`)
      .join(', ')}, total ${kb(total)}`,
  );

  expect(main).toBeLessThan(1024 * 1024);
  for (const s of SUBPACKAGES) expect(subs[s]).toBeGreaterThan(0);
  // staff pages are not in the main package
  expect(existsSync(path.join(OUT, 'pages/reviewer'))).toBe(false);
  expect(existsSync(path.join(OUT, 'reviewer/review-detail/index.js'))).toBe(true);
  expect(existsSync(path.join(OUT, 'admin/runs/index.js'))).toBe(true);
  // the startup-loan pages (issue 13): the borrower's, the guarantee company's and the bank's
  expect(existsSync(path.join(OUT, 'loan/apply/index.js'))).toBe(true);
  expect(existsSync(path.join(OUT, 'guarantor/detail/index.js'))).toBe(true);
  expect(existsSync(path.join(OUT, 'bank/detail/index.js'))).toBe(true);
});

test("weapp passes every check of WeChat's code-quality panel (miniprogram-ci, offline)", () => {
  // its own process: the checker leaves a file watcher open (see support/weapp-code-quality.ts)
  const out = execFileSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'support/weapp-code-quality.ts'), OUT],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
  const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) throw new Error(`miniprogram-ci printed no result:\n${out}`);
  const results = JSON.parse(line.slice(RESULT_PREFIX.length)) as CodeQualityCheck[];
  console.log(
    `WeChat code quality (miniprogram-ci):\n${results
      // r.text describes the failure ("JS compression is not turned on"), so only failures show it
      .map((r) => (r.success ? `  pass ${r.name}` : `  FAIL ${r.name}: ${r.text}`))
      .join('\n')}`,
  );
  expect(results.map((r) => r.name).sort()).toEqual([...CODE_QUALITY_CHECKS].sort());
  expect(results.filter((r) => !r.success).map((r) => `${r.name}: ${r.text}`)).toEqual([]);
});
