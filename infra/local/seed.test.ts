/** Issue 12: the demo seed marks dev users (the dev login's list) only on a local table. */
import { devUsersAllowed } from './seed';

describe('devUsersAllowed', () => {
  it.each([
    ['http://127.0.0.1:8000', true],
    ['http://localhost:8000', true],
    ['http://[::1]:8000', true],
    ['https://dynamodb.ap-east-1.amazonaws.com', false],
    ['http://127.0.0.1.evil.example:8000', false],
    ['not a url', false],
  ])('endpoint %s → %s', (endpoint, allowed) => {
    expect(devUsersAllowed({ AWS_ENDPOINT_URL_DYNAMODB: endpoint })).toBe(allowed);
  });

  it('without an endpoint (a real AWS region) marks no one, so no admin is a dev user', () => {
    expect(devUsersAllowed({})).toBe(false);
  });
});
