/**
 * Idempotency-Key on POST /v1/applications: a replay and 10 concurrent taps create one
 * application and get equal answers; the same key with another body is refused (409).
 */
import { call } from '../../support/http';
import { handler as create } from '../../../functions/http/create-application/handler';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { listApplicationsBySubject } from '../../../functions/repositories/applications';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { DEMO_CODES } from '../../../infra/local/demo-data';
import {
  demoCounty,
  HIRE_LOCAL_REQUIRED,
  idemKey,
  RENT_REQUIRED,
  STARTUP_ALL_BUT_OPTIONAL,
  ON_FILE,
  upload,
  type DemoUser,
} from './setup';

let tokens: Record<DemoUser, string>;
beforeAll(async () => {
  tokens = await demoCounty();
});

const count = async (code: string) =>
  (await listApplicationsBySubject(subjectIdOf(code))).items.length;

it('same request twice → one application, equal responses', async () => {
  const key = idemKey('twice');
  const o = {
    token: tokens.wangxm01,
    body: { account: ON_FILE, policyId: 'startup-grant', materials: STARTUP_ALL_BUT_OPTIONAL },
    headers: { 'idempotency-key': key },
  };
  const first = await call(create, 'POST /v1/applications', o);
  const second = await call(create, 'POST /v1/applications', o);
  expect(first.status).toBe(201);
  expect(second.status).toBe(201);
  expect(second.body).toEqual(first.body);
  expect(await count(DEMO_CODES.graduate)).toBe(1);
});

it('10 concurrent requests with one key → one application, ten equal responses', async () => {
  const key = idemKey('burst');
  const o = {
    token: tokens.trading01,
    body: {
      account: ON_FILE,
      policyId: 'hire-local',
      materials: [...HIRE_LOCAL_REQUIRED, upload('insurance_proof')],
    },
    headers: { 'idempotency-key': key },
  };
  const all = await Promise.all(
    Array.from({ length: 10 }, () => call(create, 'POST /v1/applications', o)),
  );
  expect(all.map((r) => r.status)).toEqual(Array(10).fill(201));
  for (const r of all) expect(r.body).toEqual(all[0]!.body);
  expect(await count(DEMO_CODES.trading)).toBe(1);
});

it('same key, different body → 409 IDEMPOTENCY_MISMATCH, nothing created', async () => {
  const key = idemKey('mismatch');
  const first = await call(create, 'POST /v1/applications', {
    token: tokens.eatery01,
    body: { account: ON_FILE, policyId: 'rent-waiver-state', materials: RENT_REQUIRED },
    headers: { 'idempotency-key': key },
  });
  expect(first.status).toBe(201);
  const other = await call(create, 'POST /v1/applications', {
    token: tokens.eatery01,
    body: {
      account: ON_FILE,
      policyId: 'rent-waiver-state',
      materials: RENT_REQUIRED,
      requestedFen: 100,
    },
    headers: { 'idempotency-key': key },
  });
  expect(other.status).toBe(409);
  expect(other.body.error).toMatchObject({
    code: 'DUPLICATE',
    details: { reason: 'IDEMPOTENCY_MISMATCH' },
  });
  expect(await count(DEMO_CODES.eatery)).toBe(1);
});

it('keys are per user: another user with the same key is not answered from the first', async () => {
  const key = idemKey('shared');
  const a = await call(create, 'POST /v1/applications', {
    token: tokens.lixy01,
    body: { account: ON_FILE, policyId: 'startup-grant', materials: [] },
    headers: { 'idempotency-key': key },
  });
  const b = await call(create, 'POST /v1/applications', {
    token: tokens.zhaodb01,
    body: { account: ON_FILE, policyId: 'startup-grant', materials: [] },
    headers: { 'idempotency-key': key },
  });
  expect(a.status).toBe(422); // not eligible: refusals are not stored, the key stays free
  expect(b.status).toBe(422);
});

it('a decision replayed with its key answers the first result instead of 403/409', async () => {
  const list = await listApplicationsBySubject(subjectIdOf(DEMO_CODES.trading));
  const id = list.items[0]!.id;
  const o = {
    token: tokens.finl1,
    params: { id },
    body: { kind: 'reject', reason: '花名册与社保记录不符' },
    headers: { 'idempotency-key': idemKey('decide') },
  };
  const first = await call(decide, 'POST /v1/applications/{id}/decision', o);
  if (first.status !== 200) throw new Error(JSON.stringify(first.body));
  const replay = await call(decide, 'POST /v1/applications/{id}/decision', o);
  expect(first.status).toBe(200);
  expect(first.body.status).toBe('rejected');
  expect(replay.status).toBe(200);
  expect(replay.body).toEqual(first.body);
  const fresh = await call(decide, 'POST /v1/applications/{id}/decision', {
    ...o,
    headers: { 'idempotency-key': idemKey('decide2') },
  });
  expect(fresh.status).toBe(409);
  expect(fresh.body.error.code).toBe('WRONG_STATE');
});
