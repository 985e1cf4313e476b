/**
 * `npm test` on a fresh machine: it installs what is missing (root with apt-get, as in CI) or
 * stops within seconds with the command to run; never minutes of tests and then a failure.
 * The machines here are simulated: PATH is a temp dir holding only the fakes a test puts there
 * (nothing is uninstalled), and the fake apt-get records its calls instead of installing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aptCommand, enginesRange, javaMajor, plan, satisfiesEngines } from './preflight';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const root = process.getuid?.() === 0;

/** An executable `name` in dir: a Node script (absolute shebang, so it needs nothing on PATH). */
function fake(dir: string, name: string, js: string): void {
  const file = path.join(dir, name);
  writeFileSync(file, `#!${process.execPath}\n${js}\n`);
  chmodSync(file, 0o755);
}

const fakeJava = (dir: string) =>
  fake(dir, 'java', `process.stderr.write('openjdk version "17.0.15" 2025-04-15\\n');`);
const fakeFonts = (dir: string) =>
  fake(dir, 'fc-list', `console.log('WenQuanYi Zen Hei,文泉驛正黑,文泉驿正黑');`);

/** apt-get that logs its arguments to apt-get.calls and "installs" chromium as a fake. */
function fakeAptGet(dir: string): void {
  const chromium = `#!${process.execPath}\nconsole.log('Chromium 156')\n`;
  fake(
    dir,
    'apt-get',
    `const fs = require('fs');
     fs.appendFileSync(${JSON.stringify(path.join(dir, 'apt-get.calls'))}, process.argv.slice(2).join(' ') + '\\n');
     if (process.argv[2] === 'install' && process.argv.includes('chromium')) {
       fs.writeFileSync(${JSON.stringify(path.join(dir, 'chromium'))}, ${JSON.stringify(chromium)}, { mode: 0o755 });
     }`,
  );
}

/** Runs `tsx infra/local/preflight.ts` as npm test does, on a PATH of only `dir`. */
function runPreflight(dir: string, env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [TSX, path.join(ROOT, 'infra/local/preflight.ts')], {
    cwd: ROOT,
    env: { HOME: process.env.HOME, PATH: dir, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const calls = path.join(dir, 'apt-get.calls');
  return {
    status: run.status,
    ms: Date.now() - started,
    output: `${run.stdout}${run.stderr}`,
    aptCalls: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [],
  };
}

describe('preflight of npm test on a fresh machine', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zhida-preflight-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a machine without chromium, told not to install: stops within 10 s with the apt-get command, and never runs apt-get', () => {
    fakeJava(dir);
    fakeFonts(dir);
    fakeAptGet(dir);
    const run = runPreflight(dir, { ZHIDA_NO_AUTO_INSTALL: '1' });
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.output).toContain('no `chromium` on PATH');
    expect(run.output).toContain(
      `${root ? '' : 'sudo '}apt-get install -y --no-install-recommends chromium\n`,
    );
    expect(run.aptCalls).toEqual([]);
  }, 30_000);

  it('a bare machine (no java, chromium, fontconfig or apt-get): stops within 10 s naming all three packages', () => {
    const run = runPreflight(dir);
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.output).toContain(
      'apt-get install -y --no-install-recommends default-jre-headless chromium fonts-wqy-zenhei',
    );
    expect(run.output).toContain('elsewhere install a JDK 17+');
  }, 30_000);

  it('a machine without chromium, as this user: root installs it with apt-get and goes on; anyone else gets the sudo command and no apt-get', () => {
    fakeJava(dir);
    fakeFonts(dir);
    fakeAptGet(dir);
    const run = runPreflight(dir);
    expect(run.ms).toBeLessThan(10_000);
    if (root) {
      expect(run.aptCalls).toEqual([
        'update -qq',
        'install -y -qq --no-install-recommends chromium',
      ]);
      expect(run.output).toContain('installed; running the tests');
      expect(run.status).toBe(0);
    } else {
      expect(run.aptCalls).toEqual([]);
      expect(run.output).toContain('sudo apt-get install -y --no-install-recommends chromium');
      expect(run.status).toBe(1);
    }
  }, 30_000);

  it('passes quietly when everything is there', () => {
    fakeJava(dir);
    fakeFonts(dir);
    fake(dir, 'chromium', `console.log('Chromium 156')`);
    const run = runPreflight(dir, { ZHIDA_NO_AUTO_INSTALL: '1' });
    expect(run).toMatchObject({ status: 0, output: '' });
  }, 30_000);

  it('takes Java 17+ only', () => {
    fake(dir, 'java', `process.stderr.write('openjdk version "11.0.2" 2019-01-15\\n');`);
    fakeFonts(dir);
    fake(dir, 'chromium', `console.log('Chromium 156')`);
    const run = runPreflight(dir, { ZHIDA_NO_AUTO_INSTALL: '1' });
    expect(run.status).toBe(1);
    expect(run.output).toContain('is 11, not 17+');
    expect(run.output).toContain(
      'apt-get install -y --no-install-recommends default-jre-headless\n',
    );
  }, 30_000);
});

describe('preflight rules', () => {
  it('installs only as root, with apt-get, and without ZHIDA_NO_AUTO_INSTALL=1', () => {
    expect(plan({ root: true, aptGet: true, env: {} })).toBe('install');
    expect(plan({ root: true, aptGet: true, env: { ZHIDA_NO_AUTO_INSTALL: '1' } })).toBe(
      'instruct',
    );
    expect(plan({ root: false, aptGet: true, env: {} })).toBe('instruct');
    expect(plan({ root: true, aptGet: false, env: {} })).toBe('instruct');
  });

  it('prints sudo unless root', () => {
    expect(aptCommand(['chromium'], false)).toBe(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium',
    );
    expect(aptCommand(['chromium'], true)).toBe(
      'apt-get update && apt-get install -y --no-install-recommends chromium',
    );
  });

  it('reads Java versions old and new', () => {
    expect(javaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajor('java version "1.8.0_401"')).toBe(8);
    expect(javaMajor('bash: java: not found')).toBeUndefined();
  });

  it("supports the Node versions package.json's engines names (osls's own range): 20.19+, 22.13+, 24+", () => {
    const range = enginesRange();
    expect(range).toBe('^20.19.0 || ^22.13.0 || >=24');
    for (const ok of ['20.19.0', '20.20.2', '22.13.0', '22.20.1', '24.0.0', '24.11.1', '25.1.0'])
      expect([ok, satisfiesEngines(ok, range)]).toEqual([ok, true]);
    for (const no of ['18.20.4', '20.18.3', '21.7.3', '22.12.0', '23.11.0'])
      expect([no, satisfiesEngines(no, range)]).toEqual([no, false]);
    expect(satisfiesEngines(process.versions.node, range)).toBe(true);
  });
});
