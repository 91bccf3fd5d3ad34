import type { Pool, PoolClient } from 'pg';

export interface StatementCounter {
  /** The statements run since the last call (or since counting began), and starts afresh. */
  take(): string[];
}

/**
 * Records every statement the app sends through its pool, by wrapping each connection's `query`
 * as it is checked out: pool.query, TypeORM and Better Auth all go through checked-out
 * connections. `ignore` leaves out background work that is not the request's (a poll on a timer).
 */
export function countStatements(pool: Pool, ignore: RegExp): StatementCounter {
  let statements: string[] = [];
  const wrapped = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | null)?.text);
      if (!ignore.test(text)) statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 120));
      return query(...args);
    };
  });
  return {
    take() {
      const taken = statements;
      statements = [];
      return taken;
    },
  };
}
