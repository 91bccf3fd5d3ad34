import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RevocationList, revocationRetainSeconds } from './revocation-list.js';

/** One list per instance: filled by the RevocationFeed, read by the TokenAuthenticator. */
export const revocationListProvider = {
  provide: RevocationList,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new RevocationList(revocationRetainSeconds(config.auth) * 1000),
};
