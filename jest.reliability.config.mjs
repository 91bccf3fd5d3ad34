// `npm run test:reliability`: load, database outage, bad-input sweep and graceful shutdown against
// real processes on loopback. Kept out of `npm test` because they run for a fixed time each; one
// file at a time, so the figures they print are not skewed by each other.
import base from './jest.config.mjs';

const server = base.projects.find((p) => p.displayName === 'server');

export default {
  testTimeout: 120_000,
  maxWorkers: 1,
  projects: [{ ...server, displayName: 'reliability', testMatch: ['**/*.reliability.ts'] }],
};
