/**
 * Memory figure: the peak resident set of the auto-grant run, for this Node process
 * (process.memoryUsage().rss sampled while the run goes) and for the DynamoDB Local JVM
 * (VmHWM from /proc/<pid>/status, its high-water mark, reset just before the run through
 * /proc/<pid>/clear_refs so the data load before it does not count).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Row } from './table';

const MB = 2 ** 20;

export interface RssSampler {
  /** stops sampling; peak and baseline in MB */
  stop(): { peakMb: number; baselineMb: number; samples: number };
}

/** Samples this process's RSS every `intervalMs` (timer unref'd: it never keeps the process alive). */
export function sampleRss(intervalMs = 25): RssSampler {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let samples = 1;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    samples++;
    if (rss > peak) peak = rss;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const rss = process.memoryUsage().rss;
      if (rss > peak) peak = rss;
      return { peakMb: peak / MB, baselineMb: baseline / MB, samples: samples + 1 };
    },
  };
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m?.[1] ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The process's peak RSS so far, in MB (null when /proc is not readable). */
export const peakRssOf = (pid: number) => statusField(pid, 'VmHWM');
export const rssOf = (pid: number) => statusField(pid, 'VmRSS');

/** Resets the kernel's peak-RSS mark of a process we started (Linux ≥ 4.0); false if refused. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface MemoryFigure {
  node: { peakMb: number; baselineMb: number; samples: number };
  java: { peakMb: number | null; rssAfterMb: number | null; peakWasReset: boolean };
  subjects: number;
  /** the JVM's -Xmx: its garbage collector lets the heap grow toward it before collecting */
  heapMb?: number;
}

export function memoryRows(m: MemoryFigure): Row[] {
  const rows: Row[] = [
    {
      id: 'memory.node',
      figure: 'Memory',
      metric: `peak RSS, auto-grant run (Node, ${m.subjects.toLocaleString('en-US')} subjects)`,
      value: m.node.peakMb,
      unit: 'MB',
      reference: { label: 'before the run', value: m.node.baselineMb, unit: 'MB' },
      met: null,
      status: 'ok',
      note: `process.memoryUsage().rss, ${m.node.samples} samples`,
    },
  ];
  rows.push(
    m.java.peakMb === null
      ? {
          id: 'memory.java',
          figure: 'Memory',
          metric: 'peak RSS, DynamoDB Local JVM',
          value: null,
          unit: 'MB',
          met: null,
          status: 'error',
          note: '/proc/<pid>/status not readable',
        }
      : {
          id: 'memory.java',
          figure: 'Memory',
          metric: 'peak RSS, DynamoDB Local JVM (VmHWM)',
          value: m.java.peakMb,
          unit: 'MB',
          ...(m.java.rssAfterMb === null
            ? {}
            : { reference: { label: 'RSS after', value: m.java.rssAfterMb, unit: 'MB' } }),
          met: null,
          status: 'ok',
          note: `${
            m.java.peakWasReset
              ? 'VmHWM reset via clear_refs just before the run'
              : 'VmHWM since engine start (clear_refs refused): includes the data load'
          }${m.heapMb === undefined ? '' : `; -Xmx${String(m.heapMb)}m, in-memory SQLite outside the heap`}`,
        },
  );
  return rows;
}

/**
 * CPU seconds a process has used (user + system, from /proc/<pid>/stat at the kernel's usual
 * 100 ticks a second); null when not readable. Beside a run's wall time it says which side
 * was busy: the engine (one SQLite thread serves every request) or this Node process.
 */
export function cpuSecondsOf(pid: number): number | null {
  try {
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of this Node process so far (user + system). */
export const nodeCpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** "engine 21.3 s CPU (64 % of the wall time), Node 14.0 s (42 %)" for a span of `wall` seconds. */
export function cpuShare(
  engine: { before: number | null; after: number | null },
  node: { before: number; after: number },
  wall: number,
): string {
  const pct = (s: number) => `${((100 * s) / wall).toFixed(0)} %`;
  const e = engine.before === null || engine.after === null ? null : engine.after - engine.before;
  const n = node.after - node.before;
  return `CPU during it: engine ${e === null ? '?' : `${e.toFixed(1)} s (${pct(e)} of its wall time)`}, Node ${n.toFixed(1)} s (${pct(n)})`;
}
