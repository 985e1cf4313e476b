/**
 * Issue 14, materials at submit and supplement: every upload must be in storage with the
 * declared size and SHA-256; otherwise 422 naming the material, and nothing is written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { handler as createApplication } from '../../../functions/http/create-application/handler';
import { handler as listApplications } from '../../../functions/http/list-applications/handler';
import { handler as supplement } from '../../../functions/http/supplement-application/handler';
import { handler as uploads } from '../../../functions/http/create-upload/handler';
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

const invented = () => `upl_${randomBytes(16).toString('hex')}`;

function submit(token: string, materials: unknown[]) {
  return call(createApplication, 'POST /v1/applications', {
    token,
    body: { policyId: 'startup-grant', materials, account: ON_FILE },
    headers: { 'idempotency-key': idemKey('materials') },
  });
}

async function startupApplications(token: string) {
  const list = await call(listApplications, 'GET /v1/applications', { token });
  expect(list.status).toBe(200);
  return (list.body.items as { policyId: string }[]).filter((a) => a.policyId === 'startup-grant');
}

describe('materials are checked in storage at submit', () => {
  it('refuses an invented upload id with 422 MATERIAL_NOT_FOUND naming the material, and writes nothing', async () => {
    const token = tokens.wangxm01;
    const res = await submit(token, [
      await realUpload(token, 'id_card'),
      await realUpload(token, 'business_licence'),
      { materialId: 'bank_account', uploadId: invented() },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('MATERIAL_NOT_FOUND');
    expect(res.body.error.message).toContain('本人社会保障卡或银行卡');
    expect(res.body.error.details).toMatchObject({
      reason: 'MATERIAL_NOT_FOUND',
      materialId: 'bank_account',
    });
    // nothing written: no application, and the claim was not taken (the real files then go through)
    expect(await startupApplications(token)).toEqual([]);
    const ok = await submit(token, [
      await realUpload(token, 'id_card'),
      await realUpload(token, 'business_licence'),
      await realUpload(token, 'bank_account'),
    ]);
    expect(ok.status).toBe(201);
    expect(ok.body.materials.filter((m: { provided: boolean }) => m.provided)).toHaveLength(3);
  });

  it('refuses another subject’s upload: the key is under the caller’s own subject', async () => {
    const theirs = await realUpload(tokens.trading01, 'hire_roster');
    const res = await call(createApplication, 'POST /v1/applications', {
      token: tokens.eatery01,
      body: {
        policyId: 'rent-waiver-state',
        materials: [{ materialId: 'lease_contract', uploadId: theirs.uploadId }],
        account: ON_FILE,
      },
      headers: { 'idempotency-key': idemKey('theirs') },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('MATERIAL_NOT_FOUND');
  });

  it('refuses a file whose declared SHA-256 or size is not what storage holds (MATERIAL_MISMATCH)', async () => {
    const token = tokens.lixy01;
    const file = await realUpload(token, 'id_card');
    const other = createHash('sha256').update('something else').digest('base64');
    for (const declared of [{ sha256: other }, { sizeBytes: file.sizeBytes + 1 }]) {
      const res = await call(createApplication, 'POST /v1/applications', {
        token,
        body: {
          policyId: 'transfer-transport',
          materials: [{ ...file, ...declared }],
          account: ON_FILE,
        },
        headers: { 'idempotency-key': idemKey('mismatch') },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('MATERIAL_MISMATCH');
      expect(res.body.error.message).toContain('居民身份证');
    }
  });

  it('storage refuses bytes that do not match the signed SHA-256 (as S3 does), so nothing is stored', async () => {
    const bytes = Buffer.from('%PDF-1.4 the real licence');
    const ticket = await call(uploads, 'POST /v1/uploads', {
      token: tokens.wangxm01,
      body: {
        materialId: 'business_licence',
        fileName: '营业执照.pdf',
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('base64'),
      },
    });
    expect(ticket.status).toBe(201);
    const forged = Buffer.from('%PDF-1.4 a forged licence');
    expect(forged.length).toBe(bytes.length);
    const put = await fetch(ticket.body.url as string, {
      method: 'PUT',
      headers: ticket.body.headers as Record<string, string>,
      body: forged,
    });
    expect(put.status).toBe(400);
    const res = await submit(tokens.wangxm01, [
      { materialId: 'business_licence', uploadId: ticket.body.uploadId as string },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('MATERIAL_NOT_FOUND');
  });
});

describe('materials are checked in storage at supplement', () => {
  it('refuses an invented upload id for a 容缺 material, and the application stays as it was', async () => {
    const token = tokens.trading01;
    const created = await call(createApplication, 'POST /v1/applications', {
      token,
      body: {
        policyId: 'hire-local',
        materials: [
          await realUpload(token, 'hire_roster'),
          await realUpload(token, 'labour_contracts'),
        ],
        account: ON_FILE,
      },
      headers: { 'idempotency-key': idemKey('hire') },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending_supplement');
    const refused = await call(supplement, 'POST /v1/applications/{id}/supplement', {
      token,
      params: { id: created.body.id as string },
      body: { materials: [{ materialId: 'insurance_proof', uploadId: invented() }] },
      headers: { 'idempotency-key': idemKey('supp') },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('MATERIAL_NOT_FOUND');
    const done = await call(supplement, 'POST /v1/applications/{id}/supplement', {
      token,
      params: { id: created.body.id as string },
      body: { materials: [await realUpload(token, 'insurance_proof')] },
      headers: { 'idempotency-key': idemKey('supp') },
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('submitted');
  });
});
