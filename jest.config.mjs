// Jest runs the TypeScript sources as native ES modules (NODE_OPTIONS=--experimental-vm-modules),
// so ESM-only packages (better-auth, jose, lit, Nest 12) load as they do in production.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  transform: { '^.+\\.ts$': swc },
  extensionsToTreatAsEsm: ['.ts'],
  // Sources import './x.js' (NodeNext); in tests that resolves to './x.ts'.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server'],
      testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/server/test/global-setup.mjs',
      globalTeardown: '<rootDir>/server/test/global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'widget',
      // The widget in happy-dom, talking to a real server (started by the global setup) over HTTP;
      // the page pretends to be the allowed host origin.
      testEnvironment: '@happy-dom/jest-environment',
      testEnvironmentOptions: { url: 'http://host.test/' },
      roots: ['<rootDir>/widget'],
      testMatch: ['**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/widget/test/setup-env.ts'],
      globalSetup: '<rootDir>/widget/test/global-setup.mjs',
      globalTeardown: '<rootDir>/widget/test/global-teardown.mjs',
    },
    {
      // Browser scenarios: the compiled server in a child process, driven through Chromium.
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e.ts'],
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/server/test/global-setup.mjs',
      globalTeardown: '<rootDir>/server/test/global-teardown.mjs',
    },
  ],
};
