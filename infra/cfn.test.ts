/** Issue 12: the local-only switches a non-local stage refuses (infra/cfn.js; the package test runs osls on it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- cfn.js is plain CommonJS that serverless.yml loads; no types to import
const { localSwitchesSet } = require('./cfn.js') as {
  localSwitchesSet: (env: Record<string, string | undefined>) => string[];
};

describe('localSwitchesSet', () => {
  it('finds none in a deployer environment, unset or at the production values', () => {
    expect(localSwitchesSet({})).toEqual([]);
    expect(
      localSwitchesSet({
        DEV_LOGIN: 'off',
        WECHAT_MODE: 'api',
        ZHIDA_CLOCK_OFFSET_MS: '0',
        SCHEDULE_CLOCK_OVERRIDE: 'off',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ DEV_LOGIN: 'on' }, 'DEV_LOGIN=on'],
    [{ DEV_LOGIN: 'yes' }, 'DEV_LOGIN=yes'],
    [{ WECHAT_MODE: 'fake' }, 'WECHAT_MODE=fake'],
    [{ ZHIDA_CLOCK_OFFSET_MS: '-86400000' }, 'ZHIDA_CLOCK_OFFSET_MS=-86400000'],
    [{ SCHEDULE_CLOCK_OVERRIDE: 'on' }, 'SCHEDULE_CLOCK_OVERRIDE=on'],
  ])('names %j', (env, named) => {
    expect(localSwitchesSet(env)).toEqual([named]);
  });
});
