import { deterministicId } from '../ids';
import { NoticeParams } from './notice';

/** A notice's id is `<aggregate id>~<version>` (repositories/outbox.ts). */
const noticeIdOf = (aggregateId: string, version: number) => `${aggregateId}~${String(version)}`;

describe('NoticeId', () => {
  it('accepts the id of a notice about a grant (whose id itself holds ~)', () => {
    // the e2e found it: a 免申即享 grant's notice could never be marked read (400 消息编号无效)
    const grant = deterministicId('grant', 'pol_job-retention-refund', 'sub_0491f3bb', '2020');
    expect(NoticeParams.safeParse({ id: noticeIdOf(grant, 1) }).success).toBe(true);
  });

  it('accepts an application notice and a 政策找企业 notice about <policy>~<subject>', () => {
    expect(NoticeParams.safeParse({ id: 'app_01M8H4F77PSCKFGKX13FP713VA~2' }).success).toBe(true);
    expect(NoticeParams.safeParse({ id: 'pol_hire-local~sub_0491f3bb~3' }).success).toBe(true);
  });

  it.each([
    ['no version', 'app_01M8H4F77PSCKFGKX13FP713VA'],
    ['a version that is not a number', 'app_01M8~x'],
    ['a path separator', 'app_01/../x~1'],
    ['spaces', 'app 01~1'],
    ['far too long', `${'a'.repeat(300)}~1`],
  ])('refuses %s', (_what, id) => {
    const parsed = NoticeParams.safeParse({ id });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('消息编号无效');
  });
});
