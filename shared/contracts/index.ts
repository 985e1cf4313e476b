/**
 * The route registry: one contract per HTTP route of serverless.yml (infra/functions/*.yml),
 * keyed by the function's name. A test (infra/routes.test.ts) fails when the two disagree.
 */
import * as apply from './apply';
import type { AnyRoute } from './define';
import * as identity from './identity';
import * as money from './money';
import * as platform from './platform';

export * from './define';
export { apply, identity, money, platform };

const routesOf = (area: Record<string, unknown>): AnyRoute[] =>
  Object.values(area).filter(
    (v): v is AnyRoute =>
      typeof v === 'object' && v !== null && 'method' in v && 'path' in v && 'response' in v,
  );

/** Every route, in the order of the yml files (platform, apply, money, identity). */
export const ROUTES: readonly AnyRoute[] = [
  ...routesOf(platform),
  ...routesOf(apply),
  ...routesOf(money),
  ...routesOf(identity),
];
