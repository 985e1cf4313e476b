/**
 * Issue 14, reuse: a file verified in an earlier application of the same subject (身份证,
 * 营业执照…) is offered again and may be submitted instead of a new upload; it is checked in
 * storage again like any upload, and another subject is never offered it.
 */
import { handler as createApplication } from '../../../functions/http/create-application/handler';
import { handler as listMyMaterials } from '../../../functions/http/list-my-materials/handler';
import { handler as withdraw } from '../../../functions/http/withdraw-application/handler';
import { call } from '../../support/http';
import { demoCounty, idemKey, ON_FILE, type DemoUser } from '../apply/setup';
import { realUpload, startUploads } from './support';

let tokens: Record<DemoUser, string>;
let stop: () => Promise<void>;

beforeAll(async () => {
  tokens = await demoCounty();
  stop = await startUploads();
});
afterAll(async () => {
  await stop();
});

const submit = (token: string, materials: unknown[]) =>
  call(createApplication, 'POST /v1/applications', {
    token,
    body: { policyId: 'startup-grant', materials, account: ON_FILE },
    headers: { 'idempotency-key': idemKey('reuse') },
  });

it('offers the files verified in an earlier application, and they can be submitted again without a new upload', async () => {
  const token = tokens.wangxm01;
  const first = await submit(token, [
    await realUpload(token, 'id_card'),
    await realUpload(token, 'business_licence'),
    await realUpload(token, 'bank_account'),
  ]);
  expect(first.status).toBe(201);

  const offered = await call(listMyMaterials, 'GET /v1/me/materials', { token });
  expect(offered.status).toBe(200);
  const items = offered.body.items as { materialId: string; name: string; uploadId: string }[];
  expect(items.map((m) => [m.materialId, m.name])).toEqual([
    ['bank_account', '本人社会保障卡或银行卡'],
    ['business_licence', '营业执照'],
    ['id_card', '居民身份证'],
  ]);
  expect(
    items.every((m) => (m as { applicationId?: string }).applicationId === first.body.id),
  ).toBe(true);

  // withdrawn, then applied for again with the same verified files: no new upload
  const withdrawn = await call(withdraw, 'POST /v1/applications/{id}/withdraw', {
    token,
    params: { id: first.body.id as string },
    body: { reason: '信息填写有误，重新申请' },
    headers: { 'idempotency-key': idemKey('withdraw') },
  });
  expect(withdrawn.status).toBe(200);
  const again = await submit(
    token,
    items.map((m) => ({ materialId: m.materialId, uploadId: m.uploadId })),
  );
  expect(again.status).toBe(201);
  expect((again.body.materials as { provided: boolean }[]).filter((m) => m.provided)).toHaveLength(
    3,
  );
});

it('offers another subject nothing of it, and a file is reused only for its own material', async () => {
  const others = await call(listMyMaterials, 'GET /v1/me/materials', { token: tokens.lixy01 });
  expect(others.status).toBe(200);
  expect(others.body.items).toEqual([]);
  const mine = await call(listMyMaterials, 'GET /v1/me/materials', { token: tokens.wangxm01 });
  expect(mine.status).toBe(200);
  const idCard = (mine.body.items as { materialId: string; uploadId: string }[]).find(
    (m) => m.materialId === 'id_card',
  );
  // the same file named as another material is not in storage under that material
  const wrong = await submit(tokens.wangxm01, [
    { materialId: 'business_licence', uploadId: idCard?.uploadId },
  ]);
  expect(wrong.status).toBe(422);
  expect(wrong.body.error.code).toBe('MATERIAL_NOT_FOUND');
});

it('is for applicants only', async () => {
  const res = await call(listMyMaterials, 'GET /v1/me/materials', { token: tokens.hrssl1 });
  expect(res.status).toBe(403);
});
