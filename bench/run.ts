/**
 * `npm run bench [-- --quick]`: seeds a database of its own, starts the real server and a bare
 * baseline in separate processes, loads them from this process, and writes the figures with their
 * targets to docs/performance.md (the quick run writes .data/bench-quick/performance.md and never
 * fails because a target was missed: it reports). `--profile` also writes a CPU profile of the
 * server to .data/bench-<scale>/profiles/.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { cursorTimestampSql, encodeCursor } from '../server/src/conversations/keyset-cursor.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { findFreePort } from '../server/src/database/free-port.js';
import { timeAgentRun } from './agent-run.js';
import { measureOpenAiOverhead } from './openai-overhead.js';
import { BENCH_ORIGIN, type BenchUser, fetchJwt, signUpBenchUser } from './api-users.js';
import { measureHostSignIn } from './host-sign-in.js';
import { measureJwtVerification } from './jwt-verify.js';
import { load, type LoadRequest, type LoadResult, warmUp } from './load.js';
import { type ChildServer, CpuMeter, startNodeServer } from './processes.js';
import { int, keptSections, latencyText, machine, ms, renderReport, type Row } from './report.js';
import { scaleFromArgs } from './scale.js';
import { pickSearchTerms, seed } from './seed.js';
import { statementsPer, enableStatementStats } from './statements.js';
import { summarize } from './stats.js';
import { measureRuns } from './runs.js';
import { measureStreaming } from './streaming.js';
import { measureGuestFirstAnswer } from './guest-first-answer.js';
import { measureConsole } from './console.js';
import { measureWidget } from './widget.js';
import { measureWriteFloor } from './write-floor.js';
import { firstPaintRows, firstPaintTable, measureFirstPaint } from './widget-first-paint.js';

const root = projectRoot();
const scale = scaleFromArgs(process.argv.slice(2));
const profile = process.argv.includes('--profile');
const workDir = join(root, '.data', `bench-${scale.name}`);
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const TARGET = {
  listP99Ms: 20,
  depthRatio: 1.5,
  searchP95Ms: 50,
  perCore: 4000,
  baselineShare: 0.5,
  agentAddedP99Ms: 5,
  persistedPerSecond: 4 * 156,
  writeFloorShare: 0.6,
  widgetBeforeOpenGzip: 5 * 1024,
  // The build's own budgets (widget/scripts/widget-size.mjs), which fail the build above them.
  widgetTotalGzip: 70 * 1024,
};

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  const rows: Row[] = [];
  const notes: string[] = [];
  const cleanups: Array<() => Promise<unknown>> = [];
  // Ctrl-C still stops the server, the baseline and PostgreSQL.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void runCleanups(cleanups).then(() => process.exit(130));
    });
  }
  try {
    // --- Database: a cluster of the bench's own, a fresh database each run ---
    const pgDir = join(workDir, 'postgres');
    const cluster = await startEmbeddedPostgres({ dir: pgDir, database: 'postgres' });
    cleanups.push(() => cluster.stop());
    await enableStatementStats(cluster.urlFor('postgres'), cluster, pg.Client);
    const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS bench WITH (FORCE)`);
    await admin.query(`CREATE DATABASE bench`);
    await admin.end();
    const databaseUrl = cluster.urlFor('bench');

    // --- The real server (compiled), which migrates the database on start ---
    // The widget's host page gets an origin of its own, which the server must allow (CORS).
    const hostPort = await findFreePort();
    const serverEnv = {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'info',
      ALLOWED_ORIGINS: `${BENCH_ORIGIN},http://127.0.0.1:${hostPort}`,
      TRUST_PROXY: '127.0.0.1',
      SERVE_EXAMPLES: 'false',
      AGENT_RATE_LIMIT: '100000',
      JWT_TTL_SECONDS: '3600',
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
    };
    const startServer = async (extraEnv: Record<string, string> = {}): Promise<ChildServer> => {
      const port = await findFreePort();
      const server = await startNodeServer({
        script: join(root, 'dist/server/src/main.js'),
        env: { ...serverEnv, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...extraEnv },
        port,
        readyPath: '/health/ready',
        logFile: join(workDir, 'server.log'),
        // --profile: a V8 CPU profile of the server for the whole run, to see where request time goes.
        nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${join(workDir, 'profiles')}`] : [],
      });
      cleanups.push(() => server.stop());
      return server;
    };
    const server = await startServer();
    log(`server ${server.url} (pid ${server.pid}), database ${pgDir}`);

    // --- Real accounts through Better Auth; the bulk of the data straight in SQL ---
    const heavy = await signUpBenchUser(server.url, 'heavy');
    const writers: BenchUser[] = [];
    for (let i = 0; i < 3; i++) writers.push(await signUpBenchUser(server.url, `writer${i}`));
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    db.on('error', () => undefined); // PostgreSQL stopping at the end is not an error
    cleanups.push(() => db.end());
    const seeded = await seed(db, { scale, heavyUserId: heavy.id }, log);
    log(`seeded in ${seeded.seconds.toFixed(0)} s: ${JSON.stringify(seeded)}`);
    const terms = await pickSearchTerms(db, heavy.id, seeded.heavyUserMessages);
    const deepOffset = Math.floor(seeded.heavyUserConversations * 0.9);
    const deep = (await db.query(
      `SELECT id, ${cursorTimestampSql('last_message_at')} AS at FROM conversations WHERE user_id = $1
       ORDER BY last_message_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [heavy.id, deepOffset],
    )).rows[0] as { id: string; at: string };
    const deepCursor = encodeCursor({ at: deep.at, id: deep.id });
    const sampleConversation = (await db.query(`SELECT id FROM conversations WHERE user_id = $1 AND message_count >= 50 LIMIT 1`, [heavy.id])).rows[0].id as string;

    const sizes = (await db.query(
      `SELECT pg_total_relation_size('messages') AS messages, pg_total_relation_size('conversations') AS conversations,
              pg_database_size(current_database()) AS database`,
    )).rows[0];
    const perMillion = (bytes: string) => (Number(bytes) / seeded.messages) * 1e6;

    // --- Baseline: same service code and SQL on bare Fastify, no auth ---
    const baselinePort = await findFreePort();
    const baseline = await startNodeServer({
      script: join(root, 'dist/bench/baseline-server.js'),
      env: { DATABASE_URL: databaseUrl, PORT: String(baselinePort), DATABASE_POOL_MAX: '10' },
      port: baselinePort,
      readyPath: '/health',
      logFile: join(workDir, 'baseline.log'),
    });
    cleanups.push(() => baseline.stop());

    // --- Reads under load: the API vs the baseline, scenario by scenario ---
    let jwt = await fetchJwt(server.url, heavy.sessionToken);
    const serverCpu = new CpuMeter(server.pid, pgDir);
    const baselineCpu = new CpuMeter(baseline.pid, pgDir);
    const compare = async (name: string, path: string, connections = scale.connections): Promise<{ api: LoadResult; floor: LoadResult }> => {
      const loadOptions = { connections, seconds: scale.durationSeconds };
      const apiRequest: LoadRequest = { path, headers: { authorization: `Bearer ${jwt}` } };
      const floorRequest: LoadRequest = { path, headers: { 'x-user-id': heavy.id } };
      await warmUp(server.url, apiRequest, connections);
      const api = await load(server.url, apiRequest, { ...loadOptions, cpu: serverCpu });
      await warmUp(baseline.url, floorRequest, connections);
      const floor = await load(baseline.url, floorRequest, { ...loadOptions, cpu: baselineCpu });
      const cpu = (r: LoadResult) => `CPU/request: server ${r.serverCpuMs?.toFixed(2)} ms, PostgreSQL ${r.databaseCpuMs?.toFixed(2)} ms`;
      log(`${name} (${connections} conn.): api ${int(api.requestsPerSecond)} req/s ${latencyText(api.latency)} ${cpu(api)} (errors ${api.errors})`);
      log(`${name} (${connections} conn.): baseline ${int(floor.requestsPerSecond)} req/s ${latencyText(floor.latency)} ${cpu(floor)}`);
      if (api.errors || floor.errors) notes.push(`${name}: ${api.errors} failed requests on the API, ${floor.errors} on the baseline (excluded from latencies).`);
      return { api, floor };
    };
    const throughputText = (r: LoadResult) =>
      `${int(r.requestsPerSecond)} req/s; ${latencyText(r.latency)}; CPU per request ${ms(r.serverCpuMs ?? NaN)} server + ${ms(r.databaseCpuMs ?? NaN)} PostgreSQL`;
    const share = (api: LoadResult, floor: LoadResult) => api.requestsPerSecond / floor.requestsPerSecond;
    const vs = (api: LoadResult, floor: LoadResult) =>
      `${(share(api, floor) * 100).toFixed(0)}% of ${int(floor.requestsPerSecond)} req/s; p99 ${(api.latency.p99 / floor.latency.p99).toFixed(1)}x`;

    const first = await compare('list first page', '/conversations');
    const deepPage = await compare('list deep page', `/conversations?cursor=${deepCursor}`);
    const messages = await compare('conversation + 50 messages', `/conversations/${sampleConversation}`);
    // A search is one person typing: its latency target is for a request that does not queue
    // behind 49 others; the 50-connection run shows what the server sustains.
    const searchTypical = await compare(`search "${terms.typical.q}"`, `/conversations?q=${encodeURIComponent(terms.typical.q)}`, 1);
    const searchCommon = await compare(`search "${terms.common.q}"`, `/conversations?q=${encodeURIComponent(terms.common.q)}`, 1);
    const searchLoaded = await compare(`search "${terms.typical.q}"`, `/conversations?q=${encodeURIComponent(terms.typical.q)}`);

    const S = `API, ${scale.connections} connections`;
    rows.push({ section: S, figure: 'GET /conversations, first page (20), heavy user', result: throughputText(first.api), target: `p99 ≤ ${TARGET.listP99Ms} ms`, met: first.api.latency.p99 <= TARGET.listP99Ms, vsBaseline: vs(first.api, first.floor) });
    rows.push({ section: S, figure: `GET /conversations, deep page (cursor at ${deepOffset.toLocaleString('en-US')} of ${seeded.heavyUserConversations.toLocaleString('en-US')})`, result: throughputText(deepPage.api), target: `p99 ≤ ${TARGET.listP99Ms} ms`, met: deepPage.api.latency.p99 <= TARGET.listP99Ms, vsBaseline: vs(deepPage.api, deepPage.floor) });
    const depthRatio = deepPage.api.latency.p50 / first.api.latency.p50;
    rows.push({ section: S, figure: 'Deep page vs first page (median latency)', result: `${depthRatio.toFixed(2)}x (p99: ${(deepPage.api.latency.p99 / first.api.latency.p99).toFixed(2)}x)`, target: `≤ ${TARGET.depthRatio}x`, met: depthRatio <= TARGET.depthRatio });
    rows.push({ section: S, figure: 'GET /conversations/:id with 50 messages', result: throughputText(messages.api), vsBaseline: vs(messages.api, messages.floor) });
    const S1 = 'API, search, 1 connection';
    rows.push({ section: S1, figure: `Search, heavy user, typical word "${terms.typical.q}" (in ${int(terms.typical.messages)} of their messages)`, result: throughputText(searchTypical.api), target: `p95 ≤ ${TARGET.searchP95Ms} ms`, met: searchTypical.api.latency.p95 <= TARGET.searchP95Ms, vsBaseline: vs(searchTypical.api, searchTypical.floor) });
    rows.push({ section: S1, figure: `Search, heavy user, most common word "${terms.common.q}" (in ${int(terms.common.messages)} of their messages)`, result: throughputText(searchCommon.api), target: `p95 ≤ ${TARGET.searchP95Ms} ms`, met: searchCommon.api.latency.p95 <= TARGET.searchP95Ms, vsBaseline: vs(searchCommon.api, searchCommon.floor) });
    rows.push({ section: S, figure: `Search, heavy user, "${terms.typical.q}"`, result: throughputText(searchLoaded.api), vsBaseline: vs(searchLoaded.api, searchLoaded.floor) });
    for (const [name, pair] of [['first page', first], ['deep page', deepPage], ['conversation', messages]] as const) {
      const perCore = pair.api.perTotalCpuSecond ?? NaN;
      rows.push({ section: S, figure: `Authenticated GET (${name}): throughput per core, and share of baseline`, result: `${int(perCore)} req/s per core; ${(share(pair.api, pair.floor) * 100).toFixed(0)}% of baseline`, target: `≥ ${int(TARGET.perCore)} req/s/core and ≥ ${TARGET.baselineShare * 100}%`, met: perCore >= TARGET.perCore && share(pair.api, pair.floor) >= TARGET.baselineShare });
    }

    // --- The site owner's console: each panel over every user's last 30 days ---
    const consoleFigures = await measureConsole({ serverUrl: server.url, db, requests: scale.name === 'quick' ? 20 : 40, log });
    rows.push(...consoleFigures.rows);
    writeFileSync(join(workDir, 'console-plans.txt'), `${consoleFigures.plans.join('\n\n')}\n`);
    log(`console query plans: ${join(workDir, 'console-plans.txt')}`);

    // --- JWT verification (in this process, one core) ---
    const jwtRates = await measureJwtVerification(scale.name === 'quick' ? 1000 : 3000);
    rows.push({ section: 'Auth', figure: 'JWT verifications per second, one core (EdDSA, cached JWKS)', result: `${int(jwtRates.full)} /s full; ${int(jwtRates.cached)} /s from the verified-token cache; ${int(jwtRates.cachedWithRevocationCheck)} /s cache hit + revocation check` });
    rows.push(...(await measureHostSignIn({ startServer, postgresDataDir: pgDir, seconds: scale.durationSeconds, log })));

    // --- Agent runs, one at a time: what the server adds before the first streamed byte ---
    jwt = await fetchJwt(server.url, writers[0]!.sessionToken);
    const questions = ['How do I reset my password?', 'Where is the conversation history stored?', 'How do I embed the widget on my site?', 'Which sign-in providers are supported?'];
    for (let i = 0; i < 5; i++) await timeAgentRun(server.url, jwt, questions[i % questions.length]!);
    const timings = [];
    for (let i = 0; i < scale.agentRuns; i++) timings.push(await timeAgentRun(server.url, jwt, questions[i % questions.length]!));
    const firstByte = summarize(timings.map((t) => t.firstByte));
    const firstDelta = summarize(timings.map((t) => t.firstDelta));
    const done = summarize(timings.map((t) => t.done));
    rows.push({ section: 'Agent run (retrieval agent, the default)', figure: 'POST /agents/run → first byte (conversation event: auth, rate limit, conversation + user message saved)', result: latencyText(firstByte), target: `p99 ≤ ${TARGET.agentAddedP99Ms} ms added`, met: firstByte.p99 <= TARGET.agentAddedP99Ms });
    rows.push({ section: 'Agent run (retrieval agent, the default)', figure: 'POST /agents/run → first answer token; → done (answer saved)', result: `first token ${latencyText(firstDelta)}; done ${latencyText(done)}` });

    // --- Statements the server sends per agent run and per history read (pg_stat_statements) ---
    const postJson = async (path: string, body: object) => {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { conversation: { id: string } };
    };
    const counted = 20;
    const newRun = await statementsPer(db, counted, () => postJson('/agents/run', { message: questions[0]! }));
    const { conversation } = await postJson('/agents/run', { message: questions[1]! });
    const followUp = await statementsPer(db, counted, () => postJson(`/conversations/${conversation.id}/messages`, { message: questions[2]! }));
    const heavyJwt = await fetchJwt(server.url, heavy.sessionToken);
    const historyRead = await statementsPer(db, counted, async () => {
      const response = await fetch(`${server.url}/conversations/${sampleConversation}`, { headers: { authorization: `Bearer ${heavyJwt}` } });
      if (!response.ok) throw new Error(`GET /conversations/:id: ${response.status}`);
      await response.arrayBuffer();
    });
    const statementText = (c: { server: number; agent: number }) => `${c.server.toFixed(1)} by the server (+ ${c.agent.toFixed(1)} by the retrieval agent's own search)`;
    rows.push({ section: 'Round trips (pg_stat_statements)', figure: 'SQL statements per agent run: new conversation; follow-up in a conversation (auth cached, rate limit included)', result: `new: ${statementText(newRun)}; follow-up: ${statementText(followUp)}`, target: '≤ 4 before the first byte + ≤ 2 after the agent (≤ 6 in all)', met: Math.max(newRun.server, followUp.server) <= 6 });
    rows.push({ section: 'Round trips (pg_stat_statements)', figure: 'SQL statements per GET /conversations/:id (50 messages)', result: historyRead.server.toFixed(1) });
    log(`statements per run: new ${JSON.stringify(newRun)}, follow-up ${JSON.stringify(followUp)}; per history read ${JSON.stringify(historyRead)}`);

    // --- The openai provider against a local OpenAI-compatible server pacing its tokens ---
    rows.push(...(await measureOpenAiOverhead({ startServer, sessionToken: writers[0]!.sessionToken, runs: scale.agentRuns, targetP99Ms: TARGET.agentAddedP99Ms, log })));

    // --- Runs as resources: reattach, stop with several listeners, the event log's cost per event ---
    rows.push(...(await measureRuns({ startServer, sessionToken: writers[0]!.sessionToken, reattaches: scale.agentRuns, log })));

    // --- Writes: concurrent JSON agent runs, each storing two messages ---
    const writerJwts = await Promise.all(writers.map((w) => fetchJwt(server.url, w.sessionToken)));
    let turn = 0;
    const countMessages = async () => Number((await db.query(`SELECT count(*) AS n FROM messages`)).rows[0].n);
    const before = await countMessages();
    const writeStarted = performance.now();
    const writes = await load(server.url, {
      method: 'POST',
      path: '/agents/run',
      body: JSON.stringify({ message: 'How do I reset my password?' }),
      headersFor: () => ({ 'content-type': 'application/json', authorization: `Bearer ${writerJwts[turn++ % writerJwts.length]}` }),
    }, { connections: 20, seconds: scale.durationSeconds });
    const persisted = ((await countMessages()) - before) / ((performance.now() - writeStarted) / 1000);
    // The floor: the same statements straight through pg, same pool size, same concurrency.
    const floor = await measureWriteFloor({
      databaseUrl,
      userIds: writers.map((w) => w.id),
      message: 'How do I reset my password?',
      connections: 20,
      seconds: scale.durationSeconds,
      poolMax: 10,
      passages: 3,
    });
    log(`writes: ${int(persisted)} messages/s through the API, floor ${int(floor)} messages/s`);
    rows.push({ section: 'Writes', figure: 'Messages persisted per second (concurrent agent runs, 20 connections, 2 messages each)', result: `${int(persisted)} messages/s; run latency ${latencyText(writes.latency)}${writes.errors ? `; ${writes.errors} failed` : ''}`, target: `≥ ${int(TARGET.persistedPerSecond)} messages/s (4× 156)`, met: persisted >= TARGET.persistedPerSecond });
    rows.push({ section: 'Writes', figure: 'Floor: the same statements per run straight through pg (20 concurrent loops, pool of 10); our share of it', result: `${int(floor)} messages/s; the API reaches ${((persisted / floor) * 100).toFixed(0)}%`, target: `≥ ${TARGET.writeFloorShare * 100}%`, met: persisted / floor >= TARGET.writeFloorShare });
    rows.push({ section: 'Writes', figure: 'Storage per million messages (table + indexes + TOAST)', result: `messages ${int(perMillion(sizes.messages) / 2 ** 20)} MB; with conversations ${int((perMillion(sizes.messages) + perMillion(sizes.conversations)) / 2 ** 20)} MB; whole database ${int(perMillion(sizes.database) / 2 ** 20)} MB` });

    // --- Widget ---
    rows.push(...(await measureWidget({ root, serverUrl: server.url, hostPort, targets: TARGET, log })));
    rows.push(...(await measureStreaming({ startServer, runs: scale.name === 'quick' ? 1 : 3, log })));
    rows.push(...(await measureGuestFirstAnswer({ startServer, runs: scale.name === 'quick' ? 5 : 20, log })));
    const firstPaintLoads = scale.name === 'quick' ? 5 : 9;
    const firstPaint = await measureFirstPaint({ loads: firstPaintLoads, log });
    rows.push(...firstPaintRows(firstPaint, firstPaintLoads));
    notes.push(`Widget first paint (\`npm run bench:widget\`), medians of ${firstPaintLoads} cold loads in one Chromium run:\n\n${firstPaintTable(firstPaint)}\n`);

    const m = machine();
    notes.push(
      `Data: ${int(seeded.users)} users, ${int(seeded.conversations)} conversations, ${int(seeded.messages)} messages, seeded with SQL (generate_series) into the real schema in ${seeded.seconds.toFixed(0)} s; the heavy user (a real Better Auth account) has ${int(seeded.heavyUserMessages)} messages in ${int(seeded.heavyUserConversations)} conversations.`,
      `Server: the compiled app (\`node dist/server/src/main.js\`, NODE_ENV=development, LOG_LEVEL=info with one JSON log line per request written to a file, DATABASE_POOL_MAX=10) in its own process; PostgreSQL 18 embedded, its own cluster in .data/bench-${scale.name}/postgres.`,
      `Load: autocannon in the bench process, closed loop, ${scale.connections} connections, ${scale.durationSeconds} s per figure after a 1 s warm-up; latencies are per response; only 2xx counted.`,
      `Baseline: the same ConversationsService (same SQL, same pool size) behind a bare Fastify route without Nest, auth guard, validation or request logging (bench/baseline-server.ts), separate process, same database. "vs. baseline" gives our throughput as a share of it and the p99 ratio.`,
      `"Per core": successful requests divided by the CPU-seconds the server process and all PostgreSQL processes used during the run (from /proc), so the figure does not depend on what else the machine is doing.`,
      `The machine has ${m.cores} cores, shared by the server, PostgreSQL and the load generator (and by anything else running at the time); absolute req/s are therefore conservative, the per-core and baseline ratios less affected.`,
      `Agent runs: ${scale.agentRuns} streamed runs one after another after 5 warm-up runs; times are at the client from sending the request.`,
      'Elsewhere: load, outage and shutdown figures come from `npm run test:reliability` ([reliability.md](reliability.md)); knowledge-base ingestion and retrieval times from `npm run bench:knowledge` and `npm run bench:agents` ([agents.md](agents.md)); the widget\'s size breakdown from `npm run check:size` ([performance-investigations.md](performance-investigations.md#widget-size-what-a-host-page-downloads-and-why)).',
    );
    const report = renderReport({
      title: scale.name === 'full' ? 'Performance' : 'Performance (quick run, 1/100 of the data)',
      date: new Date(),
      machine: m,
      scaleText: `${int(seeded.messages)} messages, ${int(seeded.conversations)} conversations, ${int(seeded.users)} users (${scale.name} run).`,
      rows,
      notes,
      commands: [
        'npm run bench            # full run: 1,000,000 messages, writes docs/performance.md',
        'npm run bench -- --quick # 1/100 of the data (CI), writes .data/bench-quick/performance.md',
        'npm run bench:jwt        # JWT verification alone',
        'npm run bench:host-sign-in # POST /api/auth/sign-in/host alone',
        'npm run bench:compare -- <main.js A> <main.js B>  # two builds of the server, alternated, on one cluster',
        'npm run bench:streaming  # the widget streaming a 2,000-token answer into 50 long messages, alone',
        'npm run bench:widget     # the widget before the first open vs an empty page and a bare Lit element',
      ],
    });
    const out = scale.name === 'full' ? join(root, 'docs', 'performance.md') : join(workDir, 'performance.md');
    writeFileSync(out, report + keptSections(existsSync(out) ? readFileSync(out, 'utf8') : undefined));
    console.log('\n' + report);
    log(`written ${out}`);
    const missed = rows.filter((row) => row.met === false).length;
    if (missed) log(`${missed} target(s) not met (reported above; the bench itself succeeded)`);
  } finally {
    await runCleanups(cleanups);
  }
}

async function runCleanups(cleanups: Array<() => Promise<unknown>>): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exit(1);
});
