/** The repositories the whole platform leans on, against a real DynamoDB Local. */
import { marketRegistry, employerInsurance, employee } from '../../../shared/facts/examples';
import type { Fact } from '../../../shared/facts';
import type { UserId } from '../../../shared/ids';
import {
  factsOf,
  putFacts,
  scanSubjects,
  type ScanCursor,
} from '../../../functions/repositories/facts';
import { getSubject, putSubject, subjectIdOf } from '../../../functions/repositories/subjects';
import {
  bindOpenId,
  findUserByOpenId,
  getUser,
  listDevUsers,
  putUser,
} from '../../../functions/repositories/users';
import { freshTable } from '../../support/table';

beforeAll(freshTable);

const code = (n: number) => `91620724MA${String(n).padStart(6, '0')}0A`;

function factsFor(n: number): Fact[] {
  return [
    marketRegistry({ name: `企业${n}` }, code(n)),
    employerInsurance({ employees: [employee({ personId: `P-${n}` })] }, code(n)),
  ];
}

describe('facts', () => {
  it('keeps one record per (subject, source, period start): re-importing changes nothing', async () => {
    const facts = factsFor(1);
    await putFacts(facts);
    await putFacts(facts);
    const stored = await factsOf(subjectIdOf(code(1)));
    expect(stored).toHaveLength(2);
    expect(stored.map((f) => f.source).sort()).toEqual(['market_registry', 'social_insurance']);
  });

  it('a parallel scan returns every subject exactly once with all its facts, whatever the page size', async () => {
    const n = 60;
    await putFacts(Array.from({ length: n }, (_, i) => factsFor(100 + i)).flat());
    const seen = new Map<string, number>();
    for (let segment = 0; segment < 3; segment++) {
      let cursor: ScanCursor | undefined;
      do {
        // limit 3 cuts many subjects' two facts across pages
        const page = await scanSubjects({ segment, totalSegments: 3, cursor, limit: 3 });
        for (const s of page.subjects) {
          expect(s.facts).toHaveLength(2);
          seen.set(s.subjectId, (seen.get(s.subjectId) ?? 0) + 1);
        }
        cursor = page.next;
      } while (cursor);
    }
    expect(seen.size).toBe(n + 1); // + the subject of the first test
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
  });
});

describe('subjects', () => {
  it('derives an id that does not reveal the ID-card number, and stores the profile', async () => {
    const idNumber = '11010519491231002X';
    const id = subjectIdOf(idNumber);
    expect(id).toMatch(/^sub_[0-9a-f]{24}$/);
    expect(id).not.toContain('110105');
    await putSubject({ id, kind: 'person', name: '张三', idNumber });
    expect((await getSubject(id)).name).toBe('张三');
    await expect(getSubject(subjectIdOf('91350100M000100Y43'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('users', () => {
  const alice = {
    id: 'usr_alice0001' as UserId,
    name: '李审核',
    role: 'reviewer' as const,
    department: 'hrss' as const,
    level: 1 as const,
  };

  it('lists only demo users for the dev login', async () => {
    await putUser(alice, { dev: true });
    await putUser({ id: 'usr_real00001' as UserId, name: '真实用户', role: 'admin' });
    expect((await listDevUsers()).map((u) => u.id)).toEqual([alice.id]);
    expect(await getUser(alice.id)).toEqual(alice);
  });

  it('binds a WeChat openid to one user only', async () => {
    await bindOpenId('openid-1', alice.id);
    await bindOpenId('openid-1', alice.id); // same binding again is fine
    expect((await findUserByOpenId('openid-1'))?.id).toBe(alice.id);
    await expect(bindOpenId('openid-1', 'usr_other0001' as UserId)).rejects.toMatchObject({
      code: 'DUPLICATE',
    });
  });
});
