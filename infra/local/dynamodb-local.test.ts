import { spawn } from 'node:child_process';
import { drainStderr, engineArgs } from './dynamodb-local';

describe('drainStderr', () => {
  it('reads a chatty child to its end and keeps only the last 16 KB', async () => {
    // 256 KB to a pipe nobody reads blocks the writer at 64 KB: the child would never exit
    const child = spawn(
      process.execPath,
      ['-e', "process.stderr.write('x'.repeat(256 * 1024) + 'THE-END')"],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const tail = drainStderr(child);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise((r) => setImmediate(r));
    expect(code).toBe(0);
    expect(tail().endsWith('THE-END')).toBe(true);
    expect(tail().length).toBe(16 * 1024);
  });
});

describe('engineArgs', () => {
  it('starts tests fast (C1 only, serial GC) and the bench for throughput (full JIT, parallel GC)', () => {
    const fast = engineArgs({}, 8000);
    expect(fast.slice(0, 3)).toEqual(['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx512m']);
    const bench = engineArgs({ jvm: 'throughput', heapMb: 8192, dbPath: '/tmp/db' }, 8001);
    expect(bench).not.toContain('-XX:TieredStopAtLevel=1');
    expect(bench.slice(0, 2)).toEqual(['-XX:+UseParallelGC', '-Xmx8192m']);
    // JVM options before -jar, the engine's own after it
    expect(bench.indexOf('-jar')).toBeGreaterThan(bench.indexOf('-Xmx8192m'));
    expect(bench.slice(-5)).toEqual(['-dbPath', '/tmp/db', '-disableTelemetry', '-port', '8001']);
  });
});
