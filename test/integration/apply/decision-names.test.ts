/**
 * Issue #17, reviewers on a phone: "the record shows the department, not the reviewer". GET
 * names the staff member who decided; the reply to the decision itself must too, since the
 * review page shows that reply's record right after 通过 (it showed 审核部门 until a reload).
 * Through the real handlers on DynamoDB Local, with the demo county.
 */
import { call } from '../../support/http';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { apply, demoCounty, idemKey, RENT_REQUIRED, upload } from './setup';

let tokens: Record<string, string>;
beforeAll(async () => {
  tokens = await demoCounty();
});

it("the decision's reply names the reviewer in the record, as GET does", async () => {
  const app = (await apply(tokens.noodles01 ?? '', 'rent-waiver-state', [
    ...RENT_REQUIRED,
    upload('rent_receipts'),
  ])) as {
    id: string;
    entitlementFen: number;
  };
  const decided = await call(decide, 'POST /v1/applications/{id}/decision', {
    token: tokens.finl1,
    params: { id: app.id },
    body: { kind: 'approve', amountFen: app.entitlementFen },
    headers: { 'idempotency-key': idemKey('decide') },
  });
  expect([decided.status, decided.body.error]).toEqual([200, undefined]);
  const named = (decided.body.timeline as { byName?: string }[]).filter((t) => t.byName);
  expect(named.length).toBeGreaterThan(0);
  for (const t of named) expect(t.byName).toContain('周科员');

  const read = await call(getApplication, 'GET /v1/applications/{id}', {
    token: tokens.finl1,
    params: { id: app.id },
  });
  expect(read.status).toBe(200);
  expect(decided.body.timeline).toEqual(read.body.timeline);

  // the applicant still sees the role only
  const own = await call(getApplication, 'GET /v1/applications/{id}', {
    token: tokens.noodles01,
    params: { id: app.id },
  });
  expect(own.status).toBe(200);
  expect((own.body.timeline as { byName?: string }[]).every((t) => !t.byName)).toBe(true);
});
