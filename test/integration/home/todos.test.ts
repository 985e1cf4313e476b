/**
 * Issue #17, the home page's server side through the real handlers: GET /v1/me/todos (李秀英's
 * 免申即享 grant waiting for her account, 王小明's 容缺 materials due by a date), near misses
 * on GET /v1/me/matches (赵大伯, whom nothing fits: the conditions he misses and the office
 * to call) and "有新政策时提醒我" (POST /v1/me/subscriptions).
 */
import { handler as listTodos } from '../../../functions/http/list-todos/handler';
import { handler as listMatches } from '../../../functions/http/list-matches/handler';
import { handler as subscribe } from '../../../functions/http/subscribe/handler';
import { handler as startRun } from '../../../functions/http/start-run/handler';
import { handler as getRun } from '../../../functions/http/get-run/handler';
import type { Match, MatchesResponse } from '../../../shared/schemas/policy';
import type { TodoList } from '../../../shared/schemas/todo';
import { call } from '../../support/http';
import { apply, demoCounty, STARTUP_ALL_BUT_OPTIONAL, type DemoUser } from '../apply/setup';

let tokens: Record<DemoUser, string>;
beforeAll(async () => {
  tokens = await demoCounty();
});

async function runAutoGrant(policyIds: string[]) {
  const started = await call(startRun, 'POST /v1/admin/runs', {
    token: tokens.admin01,
    body: { policyIds, totalSegments: 1 },
  });
  expect(started.status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const res = await call(getRun, 'GET /v1/admin/runs/{id}', {
      token: tokens.admin01,
      params: { id: started.body.id as string },
    });
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body as { status: string };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('run did not finish');
}

const todosOf = (token: string) => call<TodoList>(listTodos, 'GET /v1/me/todos', { token });
const matchesOf = (token: string) =>
  call<MatchesResponse>(listMatches, 'GET /v1/me/matches', { token });

describe('GET /v1/me/todos', () => {
  it("李秀英's 免申即享 grant waiting for her account is a task (her home page said 无需申请)", async () => {
    const before = await todosOf(tokens.lixy01);
    expect(before.status).toBe(200);
    expect(before.body.items).toEqual([]);

    const run = await runAutoGrant(['transfer-stable']);
    expect(run.status).toBe('completed');

    const res = await todosOf(tokens.lixy01);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      kind: 'confirm_account',
      title: '请确认收款账户',
      grantId: expect.stringMatching(/^grt_/) as unknown,
    });
    expect(res.body.items[0]?.detail).toContain('确认收款账户后即可发放');
  });

  it("王小明's 容缺 materials are a task with the date they are due by", async () => {
    const created = await apply(tokens.wangxm01, 'startup-grant', STARTUP_ALL_BUT_OPTIONAL);
    expect(created.status).toBe('pending_supplement');
    const res = await todosOf(tokens.wangxm01);
    expect(res.status).toBe(200);
    const due = res.body.items.find((t) => t.kind === 'supplement_due');
    expect(due).toMatchObject({
      applicationId: created.id as string,
      dueAt: created.supplementDueAt as string,
      title: '请补交容缺材料',
    });
    expect(due?.detail).toMatch(/请于\d{4}-\d{2}-\d{2}前补交$/);
  });

  it('is for applicants only: a reviewer gets 403, no token 401', async () => {
    expect((await todosOf(tokens.hrssl1)).status).toBe(403);
    expect((await call(listTodos, 'GET /v1/me/todos')).status).toBe(401);
  });
});

describe('near misses on GET /v1/me/matches', () => {
  it('赵大伯, whom nothing fits: every policy says the conditions he misses and whom to call', async () => {
    const res = await matchesOf(tokens.zhaodb01);
    expect(res.status).toBe(200);
    const items: Match[] = res.body.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((m) => m.eligible)).toBe(false);
    const missed = items.filter((m) => m.verdict === 'ineligible');
    expect(missed.length).toBeGreaterThan(0);
    for (const m of missed) {
      expect(m.nearMiss?.failing.length).toBeGreaterThan(0);
      expect(m.phone).toMatch(/\d{5,}/);
    }
    // nearest first: no ineligible item misses fewer conditions than the one before it
    const counts = missed.map((m) => m.nearMiss?.failing.length ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(res.body.subscribed).toBe(false);
  });

  it('a policy missed by exactly one condition says what would meet it', async () => {
    const all = await Promise.all(
      (['wangxm01', 'lixy01', 'zhaodb01', 'trading01', 'eatery01'] as const).map((u) =>
        matchesOf(tokens[u]),
      ),
    );
    for (const r of all) expect(r.status).toBe(200);
    const single = all.flatMap((r) => r.body.items).filter((m) => m.nearMiss?.failing.length === 1);
    expect(single.length).toBeGreaterThan(0);
    for (const m of single) expect(m.nearMiss?.hint).toMatch(/即可申请|可再申请/);
  });
});

describe('POST /v1/me/subscriptions (有新政策时提醒我)', () => {
  it('stores the subscription on the subject; a second tap changes nothing', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await call(subscribe, 'POST /v1/me/subscriptions', {
        token: tokens.zhaodb01,
        body: { topic: 'new_policy' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ topic: 'new_policy', subscribed: true });
    }
    const after = await matchesOf(tokens.zhaodb01);
    expect(after.status).toBe(200);
    expect(after.body.subscribed).toBe(true);
  });

  it('refuses an unknown topic with 400 and a reviewer with 403', async () => {
    const bad = await call(subscribe, 'POST /v1/me/subscriptions', {
      token: tokens.zhaodb01,
      body: { topic: 'everything' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeDefined();
    const staff = await call(subscribe, 'POST /v1/me/subscriptions', {
      token: tokens.hrssl1,
      body: { topic: 'new_policy' },
    });
    expect(staff.status).toBe(403);
  });
});
