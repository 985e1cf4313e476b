/**
 * `npm run bench`: every figure, one table, each value beside its reference from the same
 * run, with its goal and whether it is met; written to bench/results/<timestamp>.json and
 * bench/results/latest.json.
 *
 *   npm run bench                          all figures, 100,000 subjects
 *   npm run bench -- --only rules,sizes    some figures (rules, auto-grant, memory, import, e2e,
 *                                          sandbox, api-inprocess, api, cost, stats, sizes)
 *   npm run bench -- --subjects 20000      auto-grant and e2e population (scale: --only auto-grant
 *                                          --subjects 1000000, file-backed DynamoDB Local above 100,000)
 *   npm run bench -- --on-disk             file-backed DynamoDB Local at any size (auto-grant, e2e)
 *   npm run bench -- --quick               small and short everywhere (5,000 subjects)
 *   npm run bench -- --no-build            sizes: report the client build as it is, never rebuild
 *   npm run bench -- --no-write            print only
 *
 * Each figure runs in its own Node process, one after another: its memory is its own (the
 * RSS figure would otherwise carry the previous figure's heap), the repositories' DynamoDB
 * client is bound to that figure's engine, and nothing runs beside a measurement.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiFigure } from './api';
import { apiInProcessFigure } from './api-inprocess';
import { autoGrantFigure } from './auto-grant-figure';
import { costFigure } from './cost-figure';
import { e2eFigure } from './e2e-figure';
import { importFigure } from './import-figure';
import { rulesFigure } from './rules';
import { sandboxFigure } from './sandbox-figure';
import { sizesFigure } from './sizes';
import { statsFigure } from './stats-figure';
import {
  formatTable,
  hostInfo,
  rowProblems,
  writeReport,
  errorRow,
  type BenchReport,
  type Row,
} from './table';
import { BENCH_JVM_FLAGS } from './engine';

export const FIGURES = [
  'rules',
  'auto-grant',
  'import',
  'e2e',
  'sandbox',
  'api-inprocess',
  'api',
  'cost',
  'stats',
  'sizes',
] as const;
export type Figure = (typeof FIGURES)[number];

export interface RunOptions {
  only: Figure[];
  subjects: number;
  quick: boolean;
  build: boolean;
  write: boolean;
  inProcess: boolean;
  /** file-backed DynamoDB Local; undefined: the figure decides (on disk above 100,000 subjects) */
  onDisk?: boolean;
}

const ROOT = path.resolve(__dirname, '../..');
const log = (line: string) => process.stderr.write(`${line}\n`);

export function parseArgs(argv: readonly string[]): RunOptions {
  const has = (flag: string) => argv.includes(flag);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    const inline = argv.find((a) => a.startsWith(`${flag}=`));
    return inline ? inline.slice(flag.length + 1) : i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = has('--quick');
  const onlyRaw = value('--only');
  const only = onlyRaw
    ? [
        ...new Set(
          onlyRaw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => (s === 'memory' || s === 'auto' ? 'auto-grant' : s)),
        ),
      ]
    : [...FIGURES];
  for (const f of only)
    if (!(FIGURES as readonly string[]).includes(f))
      throw new Error(`unknown figure "${f}" (known: ${FIGURES.join(', ')}, memory)`);
  const subjectsRaw = value('--subjects');
  const subjects =
    subjectsRaw === undefined
      ? quick
        ? 5_000
        : 100_000
      : Number(subjectsRaw.replace(/[_,]/g, ''));
  if (!Number.isInteger(subjects) || subjects < 1)
    throw new Error(`--subjects must be a positive integer, got ${String(subjectsRaw)}`);
  return {
    only: only as Figure[],
    subjects,
    quick,
    build: !has('--no-build'),
    write: !has('--no-write'),
    inProcess: has('--in-process'),
    ...(has('--on-disk') ? { onDisk: true } : {}),
  };
}

/** One figure, in this process. */
export async function runFigure(figure: Figure, o: RunOptions): Promise<Row[]> {
  switch (figure) {
    case 'rules':
      return rulesFigure(o.quick ? { subjects: 2_000, minMs: 300 } : {}).rows;
    case 'auto-grant':
      return (
        await autoGrantFigure({
          subjects: o.subjects,
          ceilingMs: o.quick ? 3_000 : 8_000,
          log,
          ...(o.onDisk === undefined ? {} : { onDisk: o.onDisk }),
        })
      ).rows;
    case 'e2e':
      return (
        await e2eFigure({
          subjects: o.quick ? Math.min(o.subjects, 2_000) : o.subjects,
          onDisk: o.onDisk ?? o.subjects > 100_000,
          log,
        })
      ).rows;
    case 'import':
      return importFigure(
        o.quick
          ? { rows: 5_000, streamRows: 50_000, ceilingMs: 3_000, log }
          : { rows: 20_000, streamRows: 200_000, ceilingMs: 8_000, log },
      );
    case 'sandbox':
      return (await sandboxFigure({ subjects: o.subjects, log })).rows;
    case 'api-inprocess':
      return (
        await apiInProcessFigure(o.quick ? { requests: 200, matchRequests: 300, log } : { log })
      ).rows;
    case 'stats':
      return statsFigure(o.quick ? { items: 10_000, samples: 10, log } : { log });
    case 'cost':
      return (await costFigure({ subjects: o.quick ? 2_000 : 10_000, log })).rows;
    case 'api':
      return (await apiFigure(o.quick ? { requests: 200, matchRequests: 300, log } : { log })).rows;
    case 'sizes':
      return sizesFigure({ build: o.build, log });
  }
}

/** One figure in a child Node process; its rows come back through a file. */
async function runFigureIsolated(figure: Figure, o: RunOptions): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhida-bench-'));
  const out = path.join(dir, 'rows.json');
  try {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        __filename,
        '--worker',
        figure,
        '--options',
        JSON.stringify(o),
        '--out',
        out,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        // the business metrics' EMF lines (one per 100 grants on stdout) would bury the table
        env: { ...process.env, NODE_NO_WARNINGS: '1', POWERTOOLS_METRICS_DISABLED: 'true' },
      },
    );
    const code = await new Promise<number>((resolve) =>
      child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
    );
    try {
      return JSON.parse(readFileSync(out, 'utf8')) as Row[];
    } catch {
      return [
        errorRow(
          `${figure}.run`,
          figure,
          'figure process',
          new Error(`exited with ${code} and no rows`),
        ),
      ];
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function worker(argv: readonly string[]): Promise<void> {
  const at = (flag: string) => argv[argv.indexOf(flag) + 1] ?? '';
  const figure = at('--worker') as Figure;
  const o = JSON.parse(at('--options')) as RunOptions;
  let rows: Row[];
  try {
    rows = await runFigure(figure, o);
  } catch (e) {
    rows = [errorRow(`${figure}.run`, figure, 'figure', e)];
  }
  writeFileSync(at('--out'), JSON.stringify(rows));
}

async function main(argv: readonly string[]): Promise<void> {
  const o = parseArgs(argv);
  const startedAt = new Date().toISOString();
  const loadavgAtStart = hostInfo().loadavg;
  log(
    `bench: ${o.only.join(', ')}; ${o.subjects.toLocaleString('en-US')} subjects${o.quick ? ', quick' : ''} — ${hostInfo().cpus} CPUs, load ${loadavgAtStart.join(' ')}; DynamoDB Local JVM ${BENCH_JVM_FLAGS}`,
  );
  const rows: Row[] = [];
  for (const figure of o.only) {
    const t0 = Date.now();
    log(`\n── ${figure} ──`);
    rows.push(...(o.inProcess ? await runFigure(figure, o) : await runFigureIsolated(figure, o)));
    log(`── ${figure}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const problems = rows.flatMap(rowProblems);
  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    host: { ...hostInfo(), engineJvm: BENCH_JVM_FLAGS },
    loadavgAtStart,
    options: { ...o },
    rows,
  };
  console.log(
    `\nload average at start ${loadavgAtStart.join(' ')}, at end ${report.host.loadavg.join(' ')} (${report.host.cpus} CPUs)`,
  );
  console.log(`\n${formatTable(rows)}\n`);
  if (problems.length > 0) console.log(`Malformed rows:\n  ${problems.join('\n  ')}\n`);
  if (o.write) {
    const file = writeReport(report, path.join(ROOT, 'bench/results'));
    console.log(`written: ${path.relative(ROOT, file)} and bench/results/latest.json`);
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const done = argv.includes('--worker') ? worker(argv) : main(argv);
  done.then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
