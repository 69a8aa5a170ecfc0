/**
 * The Docker end-to-end suite (test/e2e), apart from the unit tests because it needs a private
 * Docker engine: run scripts/e2e/setup.sh first (as root), then from the repository root:
 *   node --experimental-vm-modules node_modules/jest/bin/jest.js -c test/e2e/jest.config.mjs
 * Without a reachable engine the suites fail, unless E2E_ALLOW_SKIP=1 (then they are skipped).
 */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  // The repository root, so that ts-jest finds tsconfig.json and paths read as in the unit tests.
  rootDir: '../..',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }] },
  // Builds take tens of seconds each; a cold BuildKit cache several minutes for a suite.
  testTimeout: 15 * 60 * 1000,
  // One engine, one build at a time: parallel suites would only slow each other down and share
  // BuildKit's cache mounts, which would blur the download counts.
  maxWorkers: 1,
  verbose: true,
};
