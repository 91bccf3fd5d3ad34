import type pg from 'pg';
import { grantAdminRole } from '../server/src/admin/admin-roles.store.js';
import { consoleQueries } from '../server/src/admin/console.repository.js';
import { fetchJwt, signUpBenchUser } from './api-users.js';
import { latencyText, type Row } from './report.js';
import { summarize } from './stats.js';

/** Each panel of the site owner's console, as the page asks for it (the default range: last 30 days). */
const PANELS = ['activity', 'unanswered', 'rated-down', 'documents/top-cited', 'documents/never-cited'] as const;

export const CONSOLE_TARGET_P95_MS = 200;

export interface ConsoleMeasurement {
  rows: Row[];
  /** EXPLAIN (ANALYZE) of each panel's main statement, for the log. */
  plans: string[];
}

/**
 * Times each console panel through the API (one request at a time, an admin's JWT): the SQL over
 * every user's messages of the last 30 days, plus grouping and JSON. p95 of `requests` after a
 * warm-up, and the plan PostgreSQL chose for each statement.
 */
export async function measureConsole(options: { serverUrl: string; db: pg.Client; requests: number; log: (line: string) => void }): Promise<ConsoleMeasurement> {
  const { serverUrl, db, requests, log } = options;
  const owner = await signUpBenchUser(serverUrl, 'owner');
  await grantAdminRole(db, owner.email);
  const jwt = await fetchJwt(serverUrl, owner.sessionToken);
  const rows: Row[] = [];
  for (const panel of PANELS) {
    const get = async () => {
      const started = performance.now();
      const response = await fetch(`${serverUrl}/admin/api/${panel}`, { headers: { authorization: `Bearer ${jwt}` } });
      const body = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`GET /admin/api/${panel}: ${response.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    const { body } = await get();
    for (let i = 0; i < 2; i++) await get();
    const timings = [];
    for (let i = 0; i < requests; i++) timings.push((await get()).ms);
    const latency = summarize(timings);
    log(`console ${panel}: ${latencyText(latency)} (${describe(body)})`);
    rows.push({
      section: 'Site owner console (GET /admin/api/…, last 30 days, 1 connection)',
      figure: `${panel} (${describe(body)})`,
      result: latencyText(latency),
      target: `p95 ≤ ${CONSOLE_TARGET_P95_MS} ms`,
      met: latency.p95 <= CONSOLE_TARGET_P95_MS,
    });
  }
  return { rows, plans: await explain(db) };
}

function describe(body: Record<string, unknown>): string {
  if (Array.isArray(body.days)) return `${body.days.length} days`;
  if (Array.isArray(body.groups)) return `${String(body.total)} unanswered in ${body.groups.length}+ groups`;
  if (Array.isArray(body.answers)) return `${body.answers.length} answers`;
  if (Array.isArray(body.documents)) return `${body.documents.length} documents`;
  return '';
}

/** The plans of the panels' statements over the last 30 days, as the API runs them. */
async function explain(db: pg.Client): Promise<string[]> {
  const to = new Date(Math.floor(Date.now() / 86_400_000 + 1) * 86_400_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const statements: Array<[string, string, unknown[]]> = [
    ['activity', consoleQueries.activity, [from, to]],
    ['flaggedAnswers', consoleQueries.flaggedAnswers, [from, to, 0.05, false, 5001]],
    ['ratedDown', consoleQueries.ratedDown, [from, to, false, 200]],
    ['topCitedDocuments', consoleQueries.topCitedDocuments, [from, to, 200]],
    ['uncitedDocuments', consoleQueries.uncitedDocuments, [from, to, 200]],
  ];
  const plans: string[] = [];
  for (const [name, sql, params] of statements) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    plans.push(`${name}:\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  }
  return plans;
}
