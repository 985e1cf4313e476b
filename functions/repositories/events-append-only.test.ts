/**
 * Issue 14: audit events are append-only — no code path updates or deletes one.
 *
 * What this proves, by reading the source of every function (functions/**, tests excepted)
 * with the TypeScript parser:
 * 1. every event record written (an object literal with `kind: 'event'`) is the Item of a Put
 *    conditioned on `attribute_not_exists(PK)`: a second write of the same key fails, so an
 *    event is never overwritten, and never written by a BatchWrite PutRequest (no condition);
 * 2. no event key (`eventSk(…)` or an `EV#` string) appears as the Key of an Update or Delete,
 *    in a DeleteRequest, or anywhere but as an Item being put or a key prefix being read.
 *
 * What it cannot prove, said plainly: IAM. Events share their aggregate's partition (a Query
 * reads state and timeline together), and DynamoDB's fine-grained access conditions
 * (dynamodb:LeadingKeys) see only the partition key, so a role that may delete a claim or
 * update a state item could, by IAM, delete an event item of the same table. The guarantee
 * rests on this code, which is the only code that reaches the table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const FILES = sources(join(ROOT, 'functions')).map((path) => ({
  path: relative(ROOT, path),
  file: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
}));

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => {
    walk(c, visit);
  });
}

const propName = (p: ts.ObjectLiteralElementLike): string | undefined =>
  p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;

function property(o: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const p = o.properties.find((x) => propName(x) === name);
  return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
}

/** The node's ancestors, innermost first (the root's parent is undefined at run time). */
function ancestors(n: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  for (
    let at = n.parent as ts.Node | undefined;
    at !== undefined;
    at = at.parent as ts.Node | undefined
  )
    out.push(at);
  return out;
}

/** The names of the properties an expression sits under, innermost first (`Item`, `Put`, …). */
function enclosingProperties(n: ts.Node): string[] {
  const out: string[] = [];
  for (const at of ancestors(n)) {
    if (ts.isPropertyAssignment(at)) {
      const name = propName(at);
      if (name) out.push(name);
    }
    if (ts.isFunctionLike(at)) break;
  }
  return out;
}

const where = (path: string, file: ts.SourceFile, n: ts.Node) =>
  `${path}:${String(file.getLineAndCharacterOfPosition(n.getStart()).line + 1)}`;

describe('audit events are append-only (issue 14)', () => {
  it('reads the repositories (the scan is not vacuous)', () => {
    expect(FILES.map((f) => f.path)).toEqual(
      expect.arrayContaining(['functions/repositories/table.ts']),
    );
  });

  it("every event record is put under attribute_not_exists(PK), never by a batch's PutRequest", () => {
    const writes: string[] = [];
    const bad: string[] = [];
    for (const { path, file } of FILES) {
      walk(file, (n) => {
        if (!ts.isObjectLiteralExpression(n)) return;
        const kind = property(n, 'kind');
        if (!kind || !ts.isStringLiteral(kind) || kind.text !== 'event') return;
        writes.push(where(path, file, n));
        // the literal must be `Item: {…}` of an object `{ TableName, Item, ConditionExpression }`
        const item = n.parent;
        const put = item.parent;
        const ok =
          ts.isPropertyAssignment(item) &&
          propName(item) === 'Item' &&
          ts.isObjectLiteralExpression(put) &&
          (() => {
            const cond = property(put, 'ConditionExpression');
            return (
              cond !== undefined &&
              ts.isStringLiteralLike(cond) &&
              cond.text === 'attribute_not_exists(PK)'
            );
          })() &&
          !enclosingProperties(put).includes('PutRequest');
        if (!ok) bad.push(where(path, file, n));
      });
    }
    expect(writes.length).toBeGreaterThanOrEqual(8);
    expect(bad).toEqual([]);
  });

  it('no event key is ever the Key of an Update or a Delete, nor in a DeleteRequest', () => {
    const bad: string[] = [];
    let seen = 0;
    for (const { path, file } of FILES) {
      walk(file, (n) => {
        const isEventSk =
          ts.isCallExpression(n) &&
          ts.isIdentifier(n.expression) &&
          n.expression.text === 'eventSk';
        const isEvPrefix =
          (ts.isStringLiteral(n) ||
            ts.isNoSubstitutionTemplateLiteral(n) ||
            ts.isTemplateHead(n)) &&
          n.text.startsWith('EV#');
        if (!isEventSk && !isEvPrefix) return;
        seen++;
        const under = enclosingProperties(n);
        if (
          under.includes('Key') ||
          under.includes('Update') ||
          under.includes('Delete') ||
          under.includes('DeleteRequest')
        )
          bad.push(where(path, file, n));
        // the SDK's update and delete commands, wherever their key is built
        for (const at of ancestors(n)) {
          if (
            ts.isNewExpression(at) &&
            ts.isIdentifier(at.expression) &&
            /^(Update|Delete|BatchWrite)(Item)?Command$/.test(at.expression.text)
          )
            bad.push(where(path, file, n));
          if (ts.isFunctionLike(at)) break;
        }
      });
    }
    expect(seen).toBeGreaterThanOrEqual(5);
    expect(bad).toEqual([]);
  });

  it('saveAggregate writes its events as conditional Puts, in the same transaction as the state', () => {
    const table = readFileSync(join(ROOT, 'functions/repositories/table.ts'), 'utf8');
    expect(table).toMatch(
      /SK: eventSk\([^)]*\), kind: 'event', event: e \},\s*ConditionExpression: 'attribute_not_exists\(PK\)'/,
    );
    expect(table).toMatch(/transact\(\[state, \.\.\.events, \.\.\.extra\.map/);
  });
});
