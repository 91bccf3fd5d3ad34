import 'reflect-metadata';
import 'dotenv/config';
import pg from 'pg';
import { createLogger } from '../common/logger.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { resolveDatabase } from '../database/resolve-database.js';
import { runMigrations } from '../database/run-migrations.js';
import { inTransaction } from '../database/transaction.js';
import { grantAdminRole, revokeAdminRole } from './admin-roles.store.js';

const COMMANDS = { grant: grantAdminRole, revoke: revokeAdminRole } as const;

/**
 * `npm run admin:grant -- <email>` / `npm run admin:revoke -- <email>`: gives or takes the console's
 * admin role, in the database of DATABASE_URL (else the embedded PostgreSQL).
 */
async function main([command, email, ...rest]: string[]): Promise<string> {
  if (!(command === 'grant' || command === 'revoke') || !email || rest.length) throw new Error('usage: npm run admin:grant -- <email> (or admin:revoke)');
  const config = loadConfig(process.env);
  const database = await resolveDatabase(config, createLogger('warn'));
  try {
    await runMigrations(database.directUrl);
    const pool = new pg.Pool({ connectionString: database.url, max: 1, application_name: 'admin-role' });
    try {
      await inTransaction(pool, (client) => COMMANDS[command](client, email));
    } finally {
      await pool.end();
    }
  } finally {
    await database.stop();
  }
  return command === 'grant'
    ? `${email} is an admin: sign in at ${config.publicUrl}/admin (a token issued before now lacks the role for up to ${config.auth.jwtTtlSeconds} s).`
    : `${email} is no longer an admin, and is signed out everywhere.`;
}

main(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `admin role: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
