import { handler } from '../../../functions/http/health/handler';
import { call } from '../../support/http';

describe('GET /v1/health', () => {
  it('answers 200 with a request id', async () => {
    const res = await call(handler, 'GET /v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', service: 'zhida' });
    expect(res.headers['x-request-id']).toMatch(/^req-/);
  });

  it('reads a bad token on a public route as anonymous, not as an error', async () => {
    const res = await call(handler, 'GET /v1/health', { token: 'not-a-jwt' });
    expect(res.status).toBe(200);
  });
});
