/**
 * The route registry: one contract per HTTP route of serverless.yml (infra/functions/*.yml),
 * named as the function there. infra/routes.test.ts fails when the two disagree.
 */
import * as apply from './apply';
import * as audit from './audit';
import * as budget from './budget';
import type { AnyRoute } from './define';
import * as identity from './identity';
import * as loans from './loans';
import * as money from './money';
import * as notices from './notices';
import * as platform from './platform';
import * as studio from './studio';

export * from './define';

const routesOf = (area: Record<string, unknown>): AnyRoute[] =>
  Object.values(area).filter(
    (v): v is AnyRoute =>
      typeof v === 'object' && v !== null && 'method' in v && 'path' in v && 'response' in v,
  );

/** The routes by area of the API, as the yml files group them (the OpenAPI document's tags). */
export const AREAS: Readonly<Record<string, readonly AnyRoute[]>> = {
  platform: routesOf(platform),
  apply: routesOf(apply),
  money: routesOf(money),
  identity: routesOf(identity),
  loans: routesOf(loans),
  budget: routesOf(budget),
  studio: routesOf(studio),
  notices: routesOf(notices),
  audit: routesOf(audit),
};

/** Every route. */
export const ROUTES: readonly AnyRoute[] = Object.values(AREAS).flat();
