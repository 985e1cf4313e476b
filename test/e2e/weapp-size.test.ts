/**
 * The weapp build: WeChat refuses a main package over 2 MB and we hold ourselves to 1 MB
 * (the first open is one download on a phone); reviewer and admin pages must be
 * subpackages that applicants never download. Prints the sizes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const CLIENT = path.resolve(__dirname, '../../client');
const OUT = path.join(CLIENT, 'dist/weapp');
const SUBPACKAGES = ['reviewer', 'admin'];

function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const p = path.join(dir, e.name);
    return n + (e.isDirectory() ? bytesUnder(p) : statSync(p).size);
  }, 0);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

test('weapp builds; main package < 1 MB; reviewer and admin are subpackages', () => {
  execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: CLIENT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
    timeout: 240_000,
  });
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
});
