// One `npm test` runs every suite: libs and api unit specs, api integration specs against a
// real PostgreSQL, and web component tests. Browser tests have their own config (web/e2e).
const libsMapper = { '^@hamandishi/(text|contracts)$': '<rootDir>/libs/$1/src' };
const tsJest = (tsconfig) => ['ts-jest', { tsconfig, diagnostics: { warnOnly: false } }];
// A few server dependencies ship ES modules only; Jest (on Node 20) needs them compiled to CommonJS.
const esmOnly = ['content-disposition', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer'];
const apiTransform = (tsconfig) => ({
  transform: {
    '^.+\\.ts$': tsJest(tsconfig),
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
});

module.exports = {
  // On 2 cores Jest runs every suite in one worker, and ts-jest's compiler caches grow with each
  // file until the worker hits Node's heap limit (seen at ~190 suites): a worker above this much
  // memory after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    {
      displayName: 'libs',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest('<rootDir>/tsconfig.base.json') },
      moduleNameMapper: libsMapper,
    },
    {
      displayName: 'api',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/api/src/**/*.spec.ts'],
      ...apiTransform('<rootDir>/api/tsconfig.jest.json'),
      moduleNameMapper: libsMapper,
    },
    {
      displayName: 'api-int',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/api/test/**/*.int-spec.ts'],
      ...apiTransform('<rootDir>/api/tsconfig.jest.json'),
      moduleNameMapper: libsMapper,
      globalSetup: '<rootDir>/api/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/api/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/api/test/setup/per-file.ts'],
      testTimeout: 30000,
    },
    {
      displayName: 'web',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/web/src/**/*.test.ts?(x)'],
      transform: { '^.+\\.tsx?$': tsJest('<rootDir>/web/tsconfig.test.json') },
      moduleNameMapper: {
        ...libsMapper,
        '\\.(css|woff2?|png|svg)$': '<rootDir>/web/test/file-stub.cjs',
        '^@/(.*)$': '<rootDir>/web/src/$1',
      },
      setupFilesAfterEnv: ['<rootDir>/web/test/setup.ts'],
    },
  ],
};
