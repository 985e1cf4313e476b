import { spawn } from 'node:child_process';
import { drainStderr } from './dynamodb-local';

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
