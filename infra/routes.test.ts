/**
 * serverless.yml and the route contracts (shared/contracts) must describe the same API: every
 * httpApi event of infra/functions/*.yml has a contract of the function's name with the same
 * method and path, every contract has its route in the yml, and each handler is built from the
 * contract of its own function.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROUTES } from '../shared/contracts';

const ROOT = path.join(__dirname, '..');

interface DeclaredRoute {
  /** the function's name in the yml */
  name: string;
  method: string;
  path: string;
  /** the handler's module, e.g. functions/http/health/handler */
  handler?: string;
}

/** What differs between the yml's routes and the contracts', in either direction; [] when they agree. */
function routeProblems(
  yml: readonly DeclaredRoute[],
  routes: readonly { name: string; method: string; path: string; aliases?: readonly string[] }[],
): string[] {
  const problems: string[] = [];
  // a contract's aliases are routes of their own in the yml (same function, another method)
  const contracts = routes.flatMap((c) => [
    c,
    ...(c.aliases ?? []).map((method) => ({ ...c, method })),
  ]);
  const keyOf = (c: { name: string; method: string }) => `${c.name} ${c.method}`;
  const byName = new Map<string, { name: string; method: string; path: string }>();
  for (const c of contracts) byName.set(keyOf(c), c);
  for (const c of contracts) if (!byName.has(c.name)) byName.set(c.name, c);
  const seen = new Set<string>();
  for (const r of yml) {
    const c = byName.get(keyOf(r)) ?? byName.get(r.name);
    seen.add(c ? keyOf(c) : r.name);
    if (!c)
      problems.push(`${r.name}: ${r.method} ${r.path} is in serverless.yml but has no contract`);
    else if (c.method !== r.method || c.path !== r.path)
      problems.push(
        `${r.name}: serverless.yml says ${r.method} ${r.path}, the contract says ${c.method} ${c.path}`,
      );
  }
  for (const c of contracts)
    if (!seen.has(keyOf(c)))
      problems.push(`${c.name}: the contract's ${c.method} ${c.path} is not in serverless.yml`);
  return problems;
}

type Fn = { handler?: string; events?: { httpApi?: string | { method: string; path: string } }[] };

/** Every httpApi event of the function files serverless.yml includes. */
function declaredRoutes(): DeclaredRoute[] {
  const root = parse(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as {
    functions: string[];
  };
  const files = root.functions.map((ref) => {
    const m = /^\$\{file\(\.\/(.+\.yml)\)\}$/.exec(ref);
    if (!m?.[1]) throw new Error(`serverless.yml functions: unexpected entry ${ref}`);
    return m[1];
  });
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap((file) => {
    const fns = parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Fn>;
    return Object.entries(fns).flatMap(([name, fn]) =>
      (fn.events ?? []).flatMap((e) => {
        if (!e.httpApi) return [];
        const [method = '', p = ''] =
          typeof e.httpApi === 'string'
            ? e.httpApi.split(/\s+/)
            : [e.httpApi.method.toUpperCase(), e.httpApi.path];
        return [{ name, method, path: p, handler: fn.handler?.replace(/\.handler$/, '') }];
      }),
    );
  });
}

describe('serverless.yml and the route contracts', () => {
  const declared = declaredRoutes();

  it('agree route by route, in both directions', () => {
    expect(declared.length).toBeGreaterThanOrEqual(50);
    expect(routeProblems(declared, ROUTES)).toEqual([]);
  });

  it('each HTTP handler is built from the contract of its own function', () => {
    const wrong = declared.flatMap((r) => {
      const source = readFileSync(path.join(ROOT, `${r.handler ?? ''}.ts`), 'utf8');
      const m = /import \{ (\w+) as route \} from '\.\.\/\.\.\/\.\.\/shared\/contracts\/\w+';/.exec(
        source,
      );
      return m?.[1] === r.name && /httpHandler\(route,/.test(source)
        ? []
        : [`${r.handler ?? r.name}: not httpHandler(${r.name} as route, …)`];
    });
    expect(wrong).toEqual([]);
  });

  describe('the comparison catches', () => {
    const contract = { name: 'getThing', method: 'GET', path: '/v1/things/{id}' };
    const yml = { name: 'getThing', method: 'GET', path: '/v1/things/{id}' };

    it('nothing when they agree', () => {
      expect(routeProblems([yml], [contract])).toEqual([]);
    });
    it('a route in the yml without a contract', () => {
      expect(
        routeProblems([yml, { name: 'newThing', method: 'POST', path: '/v1/things' }], [contract]),
      ).toEqual(['newThing: POST /v1/things is in serverless.yml but has no contract']);
    });
    it('a contract without a route in the yml', () => {
      expect(routeProblems([], [contract])).toEqual([
        "getThing: the contract's GET /v1/things/{id} is not in serverless.yml",
      ]);
    });
    it('another method', () => {
      expect(routeProblems([{ ...yml, method: 'POST' }], [contract])).toEqual([
        'getThing: serverless.yml says POST /v1/things/{id}, the contract says GET /v1/things/{id}',
      ]);
    });
    it('an alias missing from the yml, and present', () => {
      const aliased = { ...contract, method: 'PATCH', aliases: ['POST'] };
      const patch = { ...yml, method: 'PATCH' };
      expect(routeProblems([patch], [aliased])).toEqual([
        "getThing: the contract's POST /v1/things/{id} is not in serverless.yml",
      ]);
      expect(routeProblems([patch, { ...yml, method: 'POST' }], [aliased])).toEqual([]);
    });
    it('another path', () => {
      expect(routeProblems([{ ...yml, path: '/v1/thing/{id}' }], [contract])).toHaveLength(1);
    });
  });
});
