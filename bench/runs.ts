import { startFakeOpenAi } from '../server/test/fakes/openai-server.js';
import { followRunStream, startRunStream } from '../server/test/sse-frames.js';
import { fetchJwt } from './api-users.js';
import type { ChildServer } from './processes.js';
import { latencyText, ms, type Row } from './report.js';
import { summarize } from './stats.js';

/** Tokens of the runs that are followed, reattached to and stopped: long enough never to end first. */
const LONG_RUN = '[long=4000] [pace=5] a long answer';
/** Pace of the answers whose events are timed one by one. */
const TOKEN_DELAY_MS = 10;
const TIMED_TOKENS = 100;

/**
 * Per streamed event, from the provider writing a token to a client reading its `delta`: each
 * event now goes out once stored in the run's log (batched, RUN_EVENTS_FLUSH_MS). Side by side,
 * interleaved: the same tokens read straight from the provider (no server: the floor), and
 * through the server with RUN_EVENTS_FLUSH_MS=0 (each batch written as soon as the previous is).
 */
async function perEventLatency(server: ChildServer, jwt: string, written: number[]): Promise<number[]> {
  const lags: number[] = [];
  written.length = 0;
  const stream = await startRunStream(server.url, jwt, `[long=${TIMED_TOKENS}] timed`);
  let index = 0;
  for (let frame = await stream.next(); frame; frame = await stream.next()) {
    // One delta per token, in order; `written` has when the provider wrote each.
    if (frame.event === 'delta') lags.push(performance.now() - written[index++]!);
  }
  return lags;
}

/** The same, reading the provider directly: what a client would see with no server at all. */
async function providerLatency(providerUrl: string, written: number[]): Promise<number[]> {
  const lags: number[] = [];
  written.length = 0;
  const response = await fetch(`${providerUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: `[long=${TIMED_TOKENS}] direct` }] }),
  });
  const decoder = new TextDecoder();
  let text = '';
  let index = 0;
  for await (const chunk of response.body!) {
    text += decoder.decode(chunk, { stream: true });
    const now = performance.now();
    // Each token is one chunk with a non-empty content.
    const tokens = text.match(/"content":"[^"]/g)?.length ?? 0;
    while (index < tokens) lags.push(now - written[index++]!);
  }
  return lags;
}

/**
 * `npm run bench`'s figures for runs as resources (issue 13): reattaching to a run, stopping it
 * with several listeners, and what storing every event before sending it costs per event.
 */
export async function measureRuns(options: {
  startServer(env: Record<string, string>): Promise<ChildServer>;
  sessionToken: string;
  reattaches: number;
  log: (line: string) => void;
}): Promise<Row[]> {
  const written: number[] = [];
  let aborted: (() => void) | undefined;
  const fake = await startFakeOpenAi({ tokenDelayMs: TOKEN_DELAY_MS, onToken: () => written.push(performance.now()), onAbort: () => aborted?.() });
  const env = { AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'bench-model' };
  const server = await options.startServer(env);
  const unbatched = await options.startServer({ ...env, RUN_EVENTS_FLUSH_MS: '0' });
  try {
    const jwt = await fetchJwt(server.url, options.sessionToken);
    const unbatchedJwt = await fetchJwt(unbatched.url, options.sessionToken);

    // --- Reattach: a client that left a running answer comes back with Last-Event-ID ---
    const running = await startRunStream(server.url, jwt, LONG_RUN);
    let seen = await running.until((f) => f.event === 'delta');
    const runId = seen[0]!.data.runId as string;
    await running.close();
    const reattach: number[] = [];
    for (let i = 0; i < options.reattaches; i++) {
      const started = performance.now();
      const resumed = await followRunStream(server.url, jwt, runId, { 'last-event-id': String(seen.at(-1)!.id - 1) });
      seen = await resumed.until(() => true);
      reattach.push(performance.now() - started);
      await resumed.close();
    }
    // A finished run, replayed from the start (a reload after the answer ended).
    await client(server.url, jwt).stop(runId);
    const replay: number[] = [];
    for (let i = 0; i < options.reattaches; i++) {
      const started = performance.now();
      const stream = await followRunStream(server.url, jwt, runId);
      await stream.next();
      replay.push(performance.now() - started);
      await stream.close();
    }

    // --- Stop: three listeners (the starting stream and two followers), stopped from a fourth request ---
    const toAbort: number[] = [];
    const toAllFinal: number[] = [];
    for (let i = 0; i < Math.max(5, Math.round(options.reattaches / 4)); i++) {
      const owner = await startRunStream(server.url, jwt, LONG_RUN);
      const head = await owner.until((f) => f.event === 'delta');
      const id = head[0]!.data.runId as string;
      const followers = await Promise.all([followRunStream(server.url, jwt, id), followRunStream(server.url, jwt, id)]);
      await Promise.all(followers.map((f) => f.next()));
      const abortedAt = new Promise<number>((resolve) => (aborted = () => resolve(performance.now())));
      const started = performance.now();
      const finals = [owner, ...followers].map(async (stream) => {
        await stream.until((f) => f.event === 'done' || f.event === 'error');
        return performance.now();
      });
      await client(server.url, jwt).stop(id);
      toAbort.push((await abortedAt) - started);
      toAllFinal.push(Math.max(...(await Promise.all(finals))) - started);
    }
    aborted = undefined;

    // --- Per event: provider → client, directly, through the server, and through it unbatched ---
    const runs = Math.max(3, Math.round(options.reattaches / 10));
    const direct: number[] = [];
    const logged: number[] = [];
    const loggedUnbatched: number[] = [];
    for (let i = 0; i < runs; i++) {
      direct.push(...(await providerLatency(fake.baseUrl, written)));
      logged.push(...(await perEventLatency(server, jwt, written)));
      loggedUnbatched.push(...(await perEventLatency(unbatched, unbatchedJwt, written)));
    }
    const [d, l, u] = [summarize(direct), summarize(logged), summarize(loggedUnbatched)];
    options.log(`runs: reattach p50 ${ms(summarize(reattach).p50)}; stop → abort p50 ${ms(summarize(toAbort).p50)}; per event direct ${ms(d.p50)}, logged ${ms(l.p50)}`);
    const S = `Runs (openai provider, local server; ${options.reattaches} reattaches)`;
    return [
      { section: S, figure: 'Reattach to a running answer: GET /runs/:id/events with Last-Event-ID → first replayed event', result: latencyText(summarize(reattach)) },
      { section: S, figure: 'Reload after the answer ended: GET /runs/:id/events → first event of the replay', result: latencyText(summarize(replay)) },
      { section: S, figure: `POST /runs/:id/stop → the provider's stream aborted; → every listener's final \`done\` (3 listeners, ${toAbort.length} stops)`, result: `abort ${latencyText(summarize(toAbort))}; all final ${latencyText(summarize(toAllFinal))}` },
      {
        section: S,
        figure: `Per streamed event, provider writes a token → client reads it (tokens ${TOKEN_DELAY_MS} ms apart, ${logged.length} events): directly from the provider; through the server (stored first, RUN_EVENTS_FLUSH_MS=20); the same with RUN_EVENTS_FLUSH_MS=0`,
        result: `direct ${latencyText(d)}; event log ${latencyText(l)}; unbatched ${latencyText(u)}`,
      },
      { section: S, figure: 'Added per event by the server with its event log (median of through-the-server − direct)', result: `${ms(l.p50 - d.p50)} (p99 ${ms(l.p99 - d.p99)}); unbatched ${ms(u.p50 - d.p50)} (p99 ${ms(u.p99 - d.p99)})` },
    ];
  } finally {
    await server.stop();
    await unbatched.stop();
    await fake.close();
  }
}

function client(baseUrl: string, jwt: string) {
  return {
    async stop(runId: string): Promise<void> {
      const response = await fetch(`${baseUrl}/runs/${runId}/stop`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } });
      if (!response.ok) throw new Error(`POST /runs/${runId}/stop: ${response.status}`);
    },
  };
}
