/**
 * What app.ts imports statically is in app.js, the script H5 runs before it can draw the first
 * page (the sizes figure's "H5 initial JS", goal ≤ 150 KB gzipped). The API client, the route
 * contracts and zod made it 171 KB; they belong in the page chunks, loaded with import().
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = __dirname;
const SHARED = path.resolve(__dirname, '..', '..', 'shared');

/** The file an import specifier names, or the package name for a bare one. */
function resolveImport(from: string, spec: string): string {
  let base: string;
  if (spec.startsWith('@shared/')) base = path.join(SHARED, spec.slice('@shared/'.length));
  else if (spec.startsWith('@/')) base = path.join(SRC, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return spec;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  return base;
}

/** Every module app.ts reaches through static imports (type-only imports are erased). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!path.isAbsolute(file) || !/\.tsx?$/.test(file)) continue;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(
      /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    ))
      if (m[1]) todo.push(resolveImport(file, m[1]));
  }
  return seen;
}

describe('the app shell (app.js on H5)', () => {
  const graph = [...staticGraph(path.join(SRC, 'app.ts'))];

  it('does not import zod, the route contracts or the API client statically', () => {
    const heavy = graph.filter(
      (f) =>
        f === 'zod' ||
        f.startsWith('zod/') ||
        f.startsWith(path.join(SHARED, 'contracts')) ||
        f.startsWith(path.join(SHARED, 'schemas')) ||
        f.startsWith(path.join(SRC, 'api')),
    );
    expect(heavy).toEqual([]);
  });

  it('still reaches its own modules (the walk follows imports)', () => {
    expect(graph).toContain(path.join(SRC, 'elder', 'mode.ts'));
    expect(graph).toContain(path.join(SRC, 'a11y.ts'));
  });
});
