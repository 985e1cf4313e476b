import {
  closePublicity,
  decide,
  draftApplication,
  hold,
  release,
  submit,
  type ApplicationEvent,
} from './application';
import { describeEvent, noticeFor } from './application-notices';
import {
  ALL_MATERIALS,
  admin,
  applicant,
  at,
  hrss1,
  PAYEE,
  POLICY,
  SUBJECT,
  system,
  T0,
  TERMS,
} from './testing';
import type { ApplicationId } from '../ids';
import { fen } from '../money';

const drafted = draftApplication(
  {
    id: 'app_000001' as ApplicationId,
    policyId: POLICY,
    policyVersion: 1,
    subjectId: SUBJECT,
    department: 'hrss',
    terms: TERMS,
    materials: ALL_MATERIALS,
  },
  applicant,
  T0,
);
const submitted = submit(drafted.next, {}, applicant, T0);

describe('notices', () => {
  it('tells the applicant about submission, not about an internal level-1 → level-2 step', () => {
    expect(noticeFor(submitted.events)?.status).toBe('已提交');
    const l1 = decide(submitted.next, { kind: 'approve', amountFen: fen(100) }, hrss1, T0);
    expect(l1.next.status).toBe('review_l2');
    expect(noticeFor(l1.events)).toBeUndefined();
  });
  it('tells about a return with the note', () => {
    const back = decide(submitted.next, { kind: 'return', note: '缺花名册' }, hrss1, T0);
    expect(noticeFor(back.events)).toMatchObject({
      status: '退回补正',
      text: expect.stringContaining('缺花名册'),
    });
  });
  it('names missing materials as people read them, not by code', () => {
    const optional = TERMS.materials.find((m) => m.optional)!;
    const partial = draftApplication(
      {
        id: 'app_000002' as ApplicationId,
        policyId: POLICY,
        policyVersion: 1,
        subjectId: SUBJECT,
        department: 'hrss',
        terms: TERMS,
        materials: ALL_MATERIALS.filter((m) => m.code !== optional.code),
      },
      applicant,
      T0,
    );
    const requested = submit(partial.next, {}, applicant, T0).events.find(
      (e) => e.type === 'SupplementRequested',
    )!;
    const names = (code: string) => TERMS.materials.find((m) => m.code === code)?.name ?? code;
    expect(describeEvent(requested, names)).toContain(optional.name);
    expect(describeEvent(requested, names)).not.toContain(optional.code);
  });
  it('asks for an account when the item is parked, and tells about a hold and its release with the reason', () => {
    const approved = decide(
      { ...submitted.next, terms: { ...TERMS, reviewLevels: 1 } },
      { kind: 'approve', amountFen: fen(100) },
      hrss1,
      T0,
    );
    const parked = closePublicity(
      approved.next,
      system('close-publicity'),
      at('2026-04-01T00:00:00Z'),
      false,
    );
    expect(parked.next.status).toBe('awaiting_account');
    expect(noticeFor(parked.events)).toMatchObject({
      status: '待提供收款账户',
      text: expect.stringContaining('收款账户'),
    });
    const held = hold(parked.next, { reason: '核查中' }, admin, T0);
    expect(noticeFor(held.events)).toMatchObject({ status: '暂停拨付', text: '暂停拨付：核查中' });
    const released = release(held.next, { reason: '核查完毕' }, admin, T0, PAYEE);
    expect(noticeFor(released.events)).toMatchObject({
      status: '待拨付',
      text: '恢复拨付：核查完毕',
    });
    for (const e of [...parked.events, ...held.events, ...released.events])
      expect(describeEvent(e)).toMatch(/[\u4e00-\u9fa5]/);
  });
  it('describes every event in Chinese', () => {
    const events: ApplicationEvent[] = [...drafted.events, ...submitted.events];
    for (const e of events) expect(describeEvent(e)).toMatch(/[\u4e00-\u9fa5]/);
  });
});
