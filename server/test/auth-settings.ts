import type { AppConfig } from '../src/config/app-config.js';

/** Auth settings for unit tests of token verification: an EdDSA issuer that is also the audience. */
export const TEST_AUTH_SETTINGS: AppConfig['auth'] = {
  secret: 'unused-here',
  allowedOrigins: [],
  issuer: 'https://chat.example.com',
  audience: 'https://chat.example.com',
  jwtTtlSeconds: 900,
  clockToleranceSeconds: 5,
  algorithms: ['EdDSA'],
  jwksCooldownSeconds: 30,
  revocationPollSeconds: 5,
};
