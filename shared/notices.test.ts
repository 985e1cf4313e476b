import { fit, parseTemplateIds, retryDelayMs, subscribeData } from './notices';

describe('subscription message data', () => {
  it('fits WeChat field limits (phrase ≤ 5, thing ≤ 20)', () => {
    const data = subscribeData(
      {
        template: 'application_status',
        status: '公示中',
        text: '审核通过，进入公示，公示期 5 个工作日，期满无异议后拨付资金',
      },
      '2020-12-15T02:00:00.000Z',
    );
    expect(Array.from(data.thing2?.value ?? '')).toHaveLength(20);
    expect(data.thing2?.value.endsWith('…')).toBe(true);
    expect(data.phrase1?.value).toBe('公示中');
    expect(data.time3?.value).toBe('2020-12-15');
    expect(fit('一二三四五六', 5)).toBe('一二三四…');
  });

  it('reads template ids from configuration and ignores unknown names', () => {
    expect(parseTemplateIds('application_status=tplA, sla_digest=tplB,other=x,bad')).toEqual({
      application_status: 'tplA',
      sla_digest: 'tplB',
    });
    expect(parseTemplateIds(undefined)).toEqual({});
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});
