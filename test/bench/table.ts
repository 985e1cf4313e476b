/**
 * One row per figure: the measured value, the reference measured beside it in the same run
 * (these machines are noisy, so a figure is only ever compared with its own run), the goal,
 * and whether it is met. `met` is null when the row has no goal or could not be measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type RowStatus = 'ok' | 'pending' | 'error' | 'skipped';

export interface Reference {
  label: string;
  value: number | null;
  unit: string;
}

export interface Row {
  /** stable key, e.g. `auto-grant.throughput` */
  id: string;
  /** the table's first column: Auto-grant, Rules, API, Sizes, Memory */
  figure: string;
  metric: string;
  value: number | null;
  unit: string;
  reference?: Reference;
  /** value ÷ reference (or reference ÷ value, as the goal reads); null when either is missing */
  ratio?: number | null;
  /** human-readable goal, e.g. `≥ 0.6× ceiling` */
  goal?: string;
  met: boolean | null;
  status: RowStatus;
  note?: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  host: {
    node: string;
    cpus: number;
    cpuModel: string;
    totalMemMb: number;
    loadavg: number[];
    /** how the engines' JVM was tuned (test/bench/engine.ts); absent in reports before 2026-11-29 23:10 UTC, which ran start-fast */
    engineJvm?: string;
  };
  /** 1/5/15-minute load when the run started (host.loadavg is at its end): these machines are shared */
  loadavgAtStart: number[];
  options: Record<string, unknown>;
  rows: Row[];
}

/** A row that could not be measured (the API it needs is not there yet): never a number. */
export function pendingRow(
  id: string,
  figure: string,
  metric: string,
  unit: string,
  goal: string | undefined,
  note: string,
): Row {
  return {
    id,
    figure,
    metric,
    value: null,
    unit,
    ...(goal ? { goal } : {}),
    met: null,
    status: 'pending',
    note,
  };
}

export function errorRow(id: string, figure: string, metric: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id,
    figure,
    metric,
    value: null,
    unit: '',
    met: null,
    status: 'error',
    note: message.split('\n')[0]?.slice(0, 400),
  };
}

export function ratioOf(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

export function fmt(n: number | null | undefined, unit = ''): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const s = n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${s} ${unit}` : s;
}

function cell(
  row: Row,
  key: 'figure' | 'metric' | 'value' | 'reference' | 'ratio' | 'goal' | 'met',
): string {
  switch (key) {
    case 'figure':
      return row.figure;
    case 'metric':
      return row.metric;
    case 'value':
      return row.status === 'ok' ? fmt(row.value, row.unit) : row.status;
    case 'reference':
      return row.reference
        ? `${row.reference.label} ${fmt(row.reference.value, row.reference.unit)}`
        : '';
    case 'ratio':
      return row.ratio === undefined ? '' : row.ratio === null ? '—' : `${fmt(row.ratio)}×`;
    case 'goal':
      return row.goal ?? '';
    case 'met':
      return row.met === null ? (row.goal ? '?' : '') : row.met ? 'yes' : 'NO';
  }
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

const COLUMNS = [
  ['figure', 'Figure'],
  ['metric', 'Measure'],
  ['value', 'Value'],
  ['reference', 'Reference (same run)'],
  ['ratio', 'Ratio'],
  ['goal', 'Goal'],
  ['met', 'Met'],
] as const;

export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => COLUMNS.map(([k]) => cell(r, k)));
  const header = COLUMNS.map(([, h]) => h);
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i] ?? ''))));
  const line = (cs: readonly string[]) =>
    `| ${cs.map((c, i) => pad(c, widths[i] ?? 0)).join(' | ')} |`;
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const notes = rows
    .filter((r) => r.note)
    .map((r) => `  ${r.id}: ${String(r.note)}`)
    .join('\n');
  return [line(header), sep, ...cells.map(line)].join('\n') + (notes ? `\n\nNotes:\n${notes}` : '');
}

export function hostInfo(): BenchReport['host'] {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemMb: Math.round(os.totalmem() / 2 ** 20),
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** bench/results/<timestamp>.json and bench/results/latest.json; returns the timestamped path. */
export function writeReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  return file;
}

/** Well-formed: the smoke test's check, and run.ts's own sanity check before writing. */
export function rowProblems(row: Row): string[] {
  const problems: string[] = [];
  if (!row.id || !row.figure || !row.metric) problems.push('id, figure and metric are required');
  if (row.status === 'ok') {
    if (typeof row.value !== 'number' || !Number.isFinite(row.value))
      problems.push('an ok row needs a finite value');
    if (row.reference && row.reference.value !== null && !Number.isFinite(row.reference.value))
      problems.push('reference not finite');
    if (row.goal && row.met === null && row.ratio !== null)
      problems.push('a goal with a measured ratio must say whether it is met');
  } else {
    if (row.value !== null) problems.push(`a ${row.status} row carries no value`);
    if (row.met !== null) problems.push(`a ${row.status} row cannot meet a goal`);
    if (!row.note) problems.push(`a ${row.status} row says why`);
  }
  return problems.map((p) => `${row.id}: ${p}`);
}
