/**
 * The OpenAPI document: valid OpenAPI 3.1 (by @seriousme/openapi-schema-validator), one
 * operation per route contract, and the committed docs/openapi.json is the generated one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AREAS, ROUTES } from '.';
import { openApiDocument } from './openapi';

const ROOT = path.join(__dirname, '..', '..');
const COMMITTED = path.join(ROOT, 'docs', 'openapi.json');

type Operation = { operationId: string; parameters?: { name: string; in: string }[] };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const document = openApiDocument(AREAS) as Document;

/** The validator is an ES module: it runs in its own node process, reading the document on stdin. */
function validate(doc: unknown): { valid: boolean; errors?: unknown } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(text));
    console.log(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    input: JSON.stringify(doc),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { valid: boolean; errors?: unknown };
}

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    const result = validate(document);
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: '3.1' });
  });

  it('has one operation for every route contract, and no other', () => {
    const operations = Object.entries(document.paths).flatMap(([p, item]) =>
      Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${p} ${op.operationId}`),
    );
    const routes = ROUTES.flatMap((r) => [
      `${r.method} ${r.path} ${r.name}`,
      ...(r.aliases ?? []).map((m) => `${m} ${r.path} ${r.name}${m}`),
    ]);
    expect(operations.sort()).toEqual(routes.sort());
    expect(new Set(ROUTES.map((r) => r.name)).size).toBe(ROUTES.length);
  });

  it('declares every path placeholder as a path parameter', () => {
    for (const [p, item] of Object.entries(document.paths))
      for (const op of Object.values(item)) {
        const declared = (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name);
        const placeholders = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect({ op: op.operationId, path: declared.sort() }).toEqual({
          op: op.operationId,
          path: placeholders.sort(),
        });
      }
  });

  it('is refused by the validator when broken (the check is real)', () => {
    const broken = { ...document, paths: { 'no-slash': {} } };
    expect(validate(broken).valid).toBe(false);
  });

  it('is committed as docs/openapi.json, up to date (run `npm run openapi` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
