/** A fresh table with the demo county (subjects, facts, users, accounts) and tokens for its users. */
import { DEMO_USERS } from '../../../infra/local/demo-data';
import { seedDemo } from '../../../infra/local/seed';
import { signSession } from '../../../functions/_lib/session';
import { actorOf } from '../../../shared/user';
import { freshTable } from '../../support/table';
import { call } from '../../support/http';
import { handler as createApplication } from '../../../functions/http/create-application/handler';
import { fakeUpload } from '../../support/upload-store';

export type DemoUser =
  | 'trading01'
  | 'eatery01'
  | 'machine01'
  | 'wangxm01'
  | 'lixy01'
  | 'zhaodb01'
  | 'hrssl1'
  | 'hrssl2'
  | 'finl1'
  | 'finl2'
  | 'admin01';

export async function demoCounty(): Promise<Record<DemoUser, string>> {
  Object.assign(process.env, {
    DEV_LOGIN: 'on',
    WECHAT_MODE: 'fake',
    UPLOAD_BUCKET: 'zhida-test-uploads',
    AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569',
  });
  await freshTable();
  await seedDemo(); // subjects, facts, demo users, accounts on file
  // the demo users are stored by the seed, so their tokens pass the session check as they are

  const tokens = await Promise.all(
    DEMO_USERS.map(
      async (u) => [u.id.slice(4), (await signSession(actorOf(u), new Date())).token] as const,
    ),
  );
  return Object.fromEntries(tokens) as Record<DemoUser, string>;
}

let n = 0;
/** A fresh Idempotency-Key per intent. */
export const idemKey = (label = 'k') =>
  `${label}-${Date.now().toString(36)}-${(n++).toString(36)}`.slice(0, 64).padEnd(8, '0');

/** A material whose file storage holds (the in-process fake bucket: test/support/upload-store.ts). */
export const upload = (materialId: string) => fakeUpload(materialId);

export const STARTUP_ALL_BUT_OPTIONAL = ['id_card', 'business_licence', 'bank_account'].map(upload);
export const HIRE_LOCAL_REQUIRED = ['hire_roster', 'labour_contracts'].map(upload);
export const RENT_REQUIRED = ['lease_contract'].map(upload);

/** The receiving account: the one on file (the demo seed has one for 惠民商贸, 便民餐饮店 and 王小明). */
export const ON_FILE = { source: 'profile' } as const;

/** Applies and returns the created body (asserting 201); the account on file unless `extra.account` says otherwise. */
export async function apply(
  token: string,
  policyId: string,
  materials: { materialId: string; uploadId: string }[],
  extra: Record<string, unknown> = {},
) {
  const res = await call(createApplication, 'POST /v1/applications', {
    token,
    body: { policyId, materials, account: ON_FILE, ...extra },
    headers: { 'idempotency-key': idemKey('apply') },
  });
  if (res.status !== 201)
    throw new Error(`apply ${policyId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
