/**
 * Issue 14, opening a material: a short-lived pre-signed GET for the applicant itself,
 * reviewers of the application's department and auditors; each opening is an audit record
 * (who, when, which material). Refused: another department (403), another subject (404),
 * an admin (403), no token (401).
 */
import { handler as createApplication } from '../../../functions/http/create-application/handler';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { handler as openMaterial } from '../../../functions/http/open-application-material/handler';
import { materialOpeningsOf } from '../../../functions/repositories/material-access';
import type { UserId } from '../../../shared/ids';
import { call } from '../../support/http';
import { signSession } from '../../support/session';
import { demoCounty, idemKey, ON_FILE, type DemoUser } from '../apply/setup';
import { PNG, realUpload, startUploads } from './support';

let tokens: Record<DemoUser, string>;
let stop: () => Promise<void>;
let applicationId: string;
let auditor: string;

const ROUTE = 'GET /v1/applications/{id}/materials/{materialId}';
const open = (token: string | undefined, materialId = 'id_card', id = applicationId) =>
  call(openMaterial, ROUTE, { ...(token ? { token } : {}), params: { id, materialId } });

beforeAll(async () => {
  tokens = await demoCounty();
  stop = await startUploads();
  auditor = (
    await signSession({ kind: 'auditor', userId: 'usr_materials_auditor' as UserId }, new Date())
  ).token;
  const token = tokens.wangxm01;
  const created = await call(createApplication, 'POST /v1/applications', {
    token,
    body: {
      policyId: 'startup-grant', // 人社局 (hrss)
      materials: [
        await realUpload(token, 'id_card', { bytes: PNG, contentType: 'image/png' }),
        await realUpload(token, 'business_licence'),
        await realUpload(token, 'bank_account'),
      ],
      account: ON_FILE,
    },
    headers: { 'idempotency-key': idemKey('open') },
  });
  expect(created.status).toBe(201);
  applicationId = created.body.id as string;
});
afterAll(async () => {
  await stop();
});

it('a reviewer of the department opens a material through a short-lived link, and the opening is audited', async () => {
  const res = await open(tokens.hrssl1);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    materialId: 'id_card',
    name: '居民身份证',
    contentType: 'image/png',
    kind: 'image',
  });
  // named by the material, never by the upload id (only inside the signed link itself)
  const { url: _link, ...shown } = res.body as Record<string, unknown>;
  expect(JSON.stringify(shown)).not.toContain('upl_');
  // valid for minutes, not hours
  expect(new URL(res.body.url as string).searchParams.get('X-Amz-Expires')).toBe('300');
  // the link serves the very bytes that were uploaded
  const file = await fetch(res.body.url as string);
  expect(file.status).toBe(200);
  expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

  const openings = await materialOpeningsOf('application', applicationId);
  expect(openings).toHaveLength(1);
  expect(openings[0]).toMatchObject({
    itemKind: 'application',
    itemId: applicationId,
    materialId: 'id_card',
    by: { kind: 'reviewer', userId: 'usr_hrssl1', department: 'hrss' },
  });
  expect(Date.parse(openings[0]?.at ?? '')).not.toBeNaN();
});

it('the applicant itself and an auditor may open it too; every opening is recorded', async () => {
  const mine = await open(tokens.wangxm01, 'business_licence');
  expect(mine.status).toBe(200);
  expect(mine.body.kind).toBe('pdf');
  const audited = await open(auditor, 'bank_account');
  expect(audited.status).toBe(200);
  const openings = await materialOpeningsOf('application', applicationId);
  expect(openings.map((o) => [o.by.kind, o.materialId])).toEqual(
    expect.arrayContaining([
      ['applicant', 'business_licence'],
      ['auditor', 'bank_account'],
    ]),
  );
});

it('refuses another department (403), another subject (404), an admin (403) and no token (401), recording nothing', async () => {
  const count = (await materialOpeningsOf('application', applicationId)).length;
  const otherDepartment = await open(tokens.finl1);
  expect(otherDepartment.status).toBe(403);
  expect(otherDepartment.body.error.details).toMatchObject({ reason: 'NOT_YOUR_DEPARTMENT' });
  const otherSubject = await open(tokens.trading01);
  expect(otherSubject.status).toBe(404);
  const admin = await open(tokens.admin01);
  expect(admin.status).toBe(403);
  const stranger = await open(undefined);
  expect(stranger.status).toBe(401);
  expect(await materialOpeningsOf('application', applicationId)).toHaveLength(count);
});

it('answers 404 for a material the application does not have, and 400 for a malformed one', async () => {
  const missing = await open(tokens.hrssl1, 'operating_proof');
  expect(missing.status).toBe(404);
  const bad = await open(tokens.hrssl1, '../etc');
  expect(bad.status).toBe(400);
});

it('the detail names each material in Chinese with its type, never by its upload id', async () => {
  const detail = await call(getApplication, 'GET /v1/applications/{id}', {
    token: tokens.hrssl1,
    params: { id: applicationId },
  });
  expect(detail.status).toBe(200);
  const idCard = (detail.body.materials as { materialId: string }[]).find(
    (m) => m.materialId === 'id_card',
  );
  expect(idCard).toMatchObject({ name: '居民身份证', provided: true, contentType: 'image/png' });
});
