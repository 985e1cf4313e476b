import { readFileSync } from 'node:fs';
import path from 'node:path';
import { handler } from '../../../functions/http/openapi/handler';
import { handler as health } from '../../../functions/http/health/handler';
import { ROUTES } from '../../../shared/contracts';
import { health as healthRoute, openApi } from '../../../shared/contracts/platform';
import { call } from '../../support/http';

const COMMITTED = path.join(__dirname, '..', '..', '..', 'docs', 'openapi.json');

interface Doc {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { operationId: string }>>;
}

describe('GET /v1/openapi.json', () => {
  it('answers 200 with the OpenAPI 3.1 document, the same as docs/openapi.json, without a token', async () => {
    const res = await call(handler, 'GET /v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(openApi.response.safeParse(res.body).success).toBe(true);
    const doc = res.body as Doc;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    // one operation per route, and one per alias method (changeStaff also answers POST)
    const expected = ROUTES.flatMap((r) => [
      r.name,
      ...(r.aliases ?? []).map((m) => `${r.name}${m}`),
    ]);
    expect(operations.sort()).toEqual(expected.sort());
  });

  it('is public: a bad token changes nothing', async () => {
    const res = await call(handler, 'GET /v1/openapi.json', { token: 'not-a-jwt' });
    expect(res.status).toBe(200);
    expect((res.body as Doc).info.title).toContain('Zhida');
  });

  it('describes what a route really answers (health, parsed with its contract)', async () => {
    const res = await call(health, 'GET /v1/health');
    expect(res.status).toBe(healthRoute.status);
    expect(healthRoute.response.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({ status: 'ok' });
  });
});
