/**
 * Errors are matched by their stable code and `details.reason`, never by their Chinese
 * message (issue #15). This reads every service (non-test) file and fails on a comparison
 * with a message: `.message ===`, `.message.includes(…)`, a regular expression tested on a
 * message, or a search for Chinese text with `includes('…')`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  {
    what: 'message compared',
    pattern: /\.message\s*(===|!==|==|!=)|(===|!==|==|!=)\s*[\w.?]*\.message\b/,
  },
  {
    what: 'message searched',
    pattern: /\.message\??\.(includes|startsWith|endsWith|indexOf|match|search|localeCompare)\s*\(/,
  },
  { what: 'message tested by a regular expression', pattern: /\.test\(\s*[\w.?]*\.message\b/ },
  {
    what: 'Chinese text searched for',
    pattern: /\.(includes|indexOf|startsWith|endsWith)\(\s*['"`][^'"`]*[\u4e00-\u9fff]/,
  },
];

function violations(source: string): string[] {
  return source
    .split('\n')
    .flatMap((line, i) =>
      FORBIDDEN.filter((f) => f.pattern.test(line)).map(
        (f) => `${String(i + 1)}: ${f.what}: ${line.trim()}`,
      ),
    );
}

describe('functions/services match errors by code, never by message', () => {
  const dir = __dirname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it('reads the services', () => {
    expect(files).toEqual(
      expect.arrayContaining(['disburse.ts', 'close-publicity.ts', 'review.ts']),
    );
  });

  it.each(files)('%s compares no message text', (file) => {
    expect(violations(readFileSync(join(dir, file), 'utf8'))).toEqual([]);
  });

  it('would catch the comparisons issue #15 found', () => {
    expect(violations("if (e.message === '拨付已结束') return 'raced';")).toHaveLength(1);
    expect(
      violations("if ((e as Error).message.includes('异议')) return 'objection_open';"),
    ).toHaveLength(2);
    expect(
      violations("return /异议/.test(err.message) ? 'objection_open' : 'not_due';"),
    ).toHaveLength(1);
    expect(violations("if (text.includes('异议')) return;")).toHaveLength(1);
    // logging or returning a message is not matching on it
    expect(violations("logger.error('failed', { error: (e as Error).message });")).toEqual([]);
    expect(
      violations('results.push({ id, ok: false, error: { code: e.code, message: e.message } });'),
    ).toEqual([]);
  });
});
