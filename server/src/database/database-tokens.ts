/** The pg pool behind TypeORM, shared with Better Auth so the process holds one set of connections. */
export const PG_POOL = Symbol('PG_POOL');
/** The unpooled URL, for session-level work a transaction-mode pooler would break (LISTEN). */
export const DIRECT_DATABASE_URL = Symbol('DIRECT_DATABASE_URL');
