/**
 * One jest run, several projects:
 * - unit: *.test.ts beside the code in shared/, functions/, infra/ (no I/O)
 * - integration: test/integration against one real DynamoDB Local per run
 * - package: `osls package` builds the deployable; its CloudFormation is checked
 * - client: the Taro components under jsdom (see client/jest.config.js)
 * - e2e: the whole local platform (infra/local/stack.ts) driven through headless Chromium,
 *   plus the weapp build's package sizes; one stack per run, files run one after another
 * ts-jest only transpiles (isolatedModules); `npm test` type-checks with tsc first.
 */
const tsTransform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: tsTransform,
      testMatch: ['<rootDir>/{shared,functions,infra}/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: tsTransform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/setup-env.ts'],
      // Every test table now holds the published policy catalogue, as bootstrap writes it (issue
      // 11): on 2 cores shared by several runs a demo county's beforeAll took over jest's 5 s.
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout.ts'],
    },
    {
      displayName: 'package',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: tsTransform,
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
    },
    {
      displayName: 'bench-smoke',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: tsTransform,
      testMatch: ['<rootDir>/test/bench/**/*.smoke.test.ts'],
    },
    '<rootDir>/client/jest.config.js',
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: tsTransform,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/support/global-teardown.ts',
      // Builds and a browser on 2 shared cores: no file may assume it runs alone quickly.
      setupFilesAfterEnv: ['<rootDir>/test/e2e/support/timeout.ts'],
      slowTestThreshold: 120,
    },
  ],
};
