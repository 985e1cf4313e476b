/**
 * One jest run, several projects:
 * - unit: *.test.ts beside the code in shared/, functions/, infra/ (no I/O)
 * - integration: test/integration against one real DynamoDB Local per run
 * - package: `osls package` builds the deployable; its CloudFormation is checked
 * - client: the Taro components under jsdom (see client/jest.config.js)
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
    },
    {
      displayName: 'package',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: tsTransform,
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
    },
    '<rootDir>/client/jest.config.js',
  ],
};
