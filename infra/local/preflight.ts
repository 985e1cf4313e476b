/**
 * The first step of `npm test`: in about a second, checks what the suites need from outside
 * npm, so a fresh machine never type-checks and tests for minutes and then fails:
 * - Node within package.json's `engines`;
 * - Java 17+ on PATH (DynamoDB Local for the integration and e2e suites);
 * - `chromium` on PATH (the e2e suite launches this one) and a CJK font, WenQuanYi (screenshots).
 * What is missing is installed with apt-get when we run as root on a machine that has it (as
 * CI does); otherwise, or with ZHIDA_NO_AUTO_INSTALL=1, it stops with the exact command to run.
 * A wrong Node is never installed for you: it stops and says which versions work.
 *
 *   tsx infra/local/preflight.ts      exit 0: ready; exit 1: printed what to do
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** each probe's limit: a stuck tool must not make the check itself slow */
const PROBE_MS = 5_000;

export interface Tool {
  name: string;
  /** why the tests need it */
  why: string;
  /** the Debian package that provides it (the same list as .ci/run) */
  apt: string;
  /** undefined when present, otherwise what is wrong */
  problem(env: NodeJS.ProcessEnv): string | undefined;
}

/** The executable `command` resolves to on env.PATH, as a shell would find it. */
export function which(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, command);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The Chromium the e2e suite launches (test/e2e/support/browser.ts): `chromium` on PATH. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return which('chromium', env);
}

function probe(file: string, args: string[], env: NodeJS.ProcessEnv): string {
  const run = spawnSync(file, args, { env, encoding: 'utf8', timeout: PROBE_MS });
  // null, whatever the types say, when the program could not be started at all
  const out: { stdout: string | null; stderr: string | null } = run;
  return `${out.stdout ?? ''}${out.stderr ?? ''}`;
}

/** Major version from `java -version`: `openjdk version "17.0.15"` → 17, `java version "1.8.0_401"` → 8. */
export function javaMajor(output: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 ? Number(m[2]) : first;
}

export const TOOLS: readonly Tool[] = [
  {
    name: 'Java 17+',
    why: 'DynamoDB Local (integration, e2e)',
    apt: 'default-jre-headless',
    problem(env) {
      const java = which('java', env);
      if (!java) return 'no `java` on PATH';
      const major = javaMajor(probe(java, ['-version'], env));
      return major !== undefined && major >= 17
        ? undefined
        : `\`${java} -version\` is ${major ?? 'unreadable'}, not 17+`;
    },
  },
  {
    name: 'Chromium',
    why: 'headless browser (e2e)',
    apt: 'chromium',
    problem: (env) => (chromiumPath(env) ? undefined : 'no `chromium` on PATH'),
  },
  {
    name: 'WenQuanYi Zen Hei font',
    why: 'Chinese text in the e2e screenshots',
    apt: 'fonts-wqy-zenhei',
    problem(env) {
      const fcList = which('fc-list', env);
      if (!fcList) return 'no `fc-list` on PATH (fontconfig)';
      return /wenquanyi|wqy/i.test(probe(fcList, [':', 'family'], env))
        ? undefined
        : 'no WenQuanYi font in `fc-list`';
    },
  },
];

/** Whether `version` (e.g. 20.19.0) is in an engines range made of `^x.y.z` and `>=x.y.z` parts joined by `||`. */
export function satisfiesEngines(version: string, range: string): boolean {
  const parse = (v: string) =>
    v
      .replace(/^v/, '')
      .split('.')
      .map((n) => Number(n) || 0);
  const [major = 0, minor = 0, patch = 0] = parse(version);
  const atLeast = (min: number[]) => {
    const [a = 0, b = 0, c = 0] = min;
    return major !== a ? major > a : minor !== b ? minor > b : patch >= c;
  };
  return range.split('||').some((part) => {
    const p = part.trim();
    if (p.startsWith('^')) {
      const min = parse(p.slice(1));
      return major === min[0] && atLeast(min);
    }
    if (p.startsWith('>=')) return atLeast(parse(p.slice(2)));
    throw new Error(`engines range part not understood: ${p}`);
  });
}

export function enginesRange(): string {
  return (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
    }
  ).engines.node;
}

/** The one command that installs `packages` on Debian/Ubuntu; `sudo` unless we are root. */
export function aptCommand(packages: readonly string[], root: boolean): string {
  const sudo = root ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

export type Plan = 'install' | 'instruct';

/** Install only as root, with apt-get present, unless told not to. */
export function plan(o: { root: boolean; aptGet: boolean; env: NodeJS.ProcessEnv }): Plan {
  return o.root && o.aptGet && o.env.ZHIDA_NO_AUTO_INSTALL !== '1' ? 'install' : 'instruct';
}

function missing(env: NodeJS.ProcessEnv): { tool: Tool; problem: string }[] {
  return TOOLS.flatMap((tool) => {
    const problem = tool.problem(env);
    return problem ? [{ tool, problem }] : [];
  });
}

/** Runs the check; returns the exit code. `log` gets every line for the person at the terminal. */
export function preflight(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (l) => console.error(l),
): number {
  const range = enginesRange();
  if (!satisfiesEngines(process.versions.node, range)) {
    log(`✗ Node ${process.versions.node} is not supported: package.json engines says "${range}".`);
    log(
      '  Install Node 24 (or 22), e.g. `nvm install 24`, then run `npm install && npm test` again.',
    );
    return 1;
  }
  let lacking = missing(env);
  if (lacking.length === 0) return 0;

  const root = process.getuid?.() === 0;
  const aptGet = which('apt-get', env);
  const packages = lacking.map((m) => m.tool.apt);
  log('npm test needs, before it starts:');
  for (const m of lacking) log(`  ✗ ${m.tool.name} — ${m.tool.why}: ${m.problem}`);

  const decided = plan({ root, aptGet: aptGet !== undefined, env });
  if (aptGet && decided === 'install') {
    log(`installing Debian packages: ${packages.join(' ')}`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok =
      spawnSync(aptGet, ['update', '-qq'], { env: aptEnv, stdio: 'inherit' }).status === 0 &&
      spawnSync(aptGet, ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
        env: aptEnv,
        stdio: 'inherit',
      }).status === 0;
    lacking = missing(env);
    if (ok && lacking.length === 0) {
      log('installed; running the tests');
      return 0;
    }
    log(
      `✗ apt-get ${ok ? 'finished but did not provide' : 'failed to install'}: ${lacking.map((m) => m.tool.name).join(', ')}`,
    );
  }

  log('Run this, then `npm test` again:');
  log(
    `  ${aptCommand(
      lacking.map((m) => m.tool.apt),
      root,
    )}`,
  );
  if (!aptGet)
    log(
      '  (Debian/Ubuntu; elsewhere install a JDK 17+, Chromium as `chromium` on PATH, and the WenQuanYi Zen Hei font.)',
    );
  else if (decided === 'instruct' && root)
    log('  (ZHIDA_NO_AUTO_INSTALL=1: nothing installed automatically)');
  return 1;
}

if (require.main === module) process.exitCode = preflight();
