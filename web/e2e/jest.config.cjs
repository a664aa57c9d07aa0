// Browser tests: real Chromium against the real server (built web + API) on port 3105.
// Run from the repository root: npx jest --config web/e2e/jest.config.cjs --runInBand
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.e2e.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: path.join(root, 'web/tsconfig.test.json'), diagnostics: { warnOnly: false } }],
  },
  moduleNameMapper: {
    '^@hamandishi/(text|contracts)$': path.join(root, 'libs/$1/src'),
  },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
