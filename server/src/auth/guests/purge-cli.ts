import 'reflect-metadata';
import 'dotenv/config';
import pg from 'pg';
import { systemClock } from '../../common/clock.js';
import { createLogger } from '../../common/logger.js';
import { ConfigError, loadConfig } from '../../config/load-config.js';
import { resolveDatabase } from '../../database/resolve-database.js';
import { runMigrations } from '../../database/run-migrations.js';
import { GuestRepository } from './guest.repository.js';
import { purgeExpiredGuests } from './guest-purge.js';

/**
 * `npm run purge`: deletes the guests of DATABASE_URL (else the embedded PostgreSQL) whose
 * GUEST_RETENTION_DAYS have passed, with everything they own, once; the server does it hourly.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await resolveDatabase(config, createLogger('warn'));
  try {
    await runMigrations(database.directUrl);
    const pool = new pg.Pool({ connectionString: database.url, max: 1, application_name: 'purge' });
    try {
      const report = await purgeExpiredGuests(new GuestRepository(pool), config.guests.retentionDays, systemClock);
      console.log(`Purged ${report.guests} guests inactive for ${config.guests.retentionDays} days (${report.users} with conversations).`);
    } finally {
      await pool.end();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Purge failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
