/**
 * `npm run bench:widget [-- --loads 7] [-- --compare <dist/widget of another build>]`: what the
 * widget costs a host page before anyone opens it, next to an empty page and a bare Lit element,
 * in the same Chromium run. Each load is a fresh browser context (a first visit: nothing cached).
 * The widget's files come from a server of their own origin, served as the real server serves them
 * (server/src/static/widget-files.ts: brotli, caching headers); the host pages from another.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, CDPSession } from 'playwright-core';
import { projectRoot } from '../server/src/common/project-root.js';
import { registerWidgetFiles, WIDGET_PREFIX } from '../server/src/static/widget-files.js';
import { kb, ms, type Row } from './report.js';
import { CHROMIUM, featureRow, widgetSizes } from './widget.js';

/** The target: what the launcher may add to an empty page's main-thread task time. */
export const FIRST_PAINT_TARGET_TASK_MS = 15;

interface Page {
  name: string;
  /** Markup after the page's own content: the script tag and the element. */
  embed: (assetsUrl: string) => string;
  /** In-page expression (a string: the bench compiles without DOM types) true once the element has rendered. */
  rendered: string;
}

interface Sample {
  taskMs: number;
  scriptMs: number;
  /** Everything the page received, but the idle preload. */
  bytes: number;
  /** What `<link rel="modulepreload">` fetched once the page was idle (the panel's code, not run). */
  preloadBytes: number;
}

interface Measured {
  page: string;
  sample: Sample;
}

const launcherShown = `(() => { const e = document.querySelector('chat-widget'); return !!(e && e.shadowRoot && e.shadowRoot.querySelector('[part~="launcher"]')); })()`;

const PAGES = (compare: boolean): Page[] => [
  { name: 'empty page', embed: () => '', rendered: 'true' },
  {
    name: 'bare Lit element',
    embed: (assets) => `<script type="module" src="${assets}${WIDGET_PREFIX}bare-lit-element.js"></script><bare-element></bare-element>`,
    rendered: `(() => { const e = document.querySelector('bare-element'); return !!(e && e.shadowRoot && e.shadowRoot.querySelector('button')); })()`,
  },
  {
    name: '<chat-widget>',
    embed: (assets) => `<script type="module" src="${assets}${WIDGET_PREFIX}chat-widget.js"></script><chat-widget server="${assets}"></chat-widget>`,
    rendered: launcherShown,
  },
  ...(compare
    ? [{ name: '<chat-widget>, compared build', embed: (assets: string) => `<script type="module" src="${assets}${WIDGET_PREFIX}chat-widget.js"></script><chat-widget server="${assets}"></chat-widget>`, rendered: launcherShown }]
    : []),
];

const hostPage = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A customer's page</title></head>
<body><main><h1>A customer's page</h1>${'<p>Some content of the host page, as on a documentation site. </p>'.repeat(60)}</main>
${body}
</body></html>`;

/** The smallest honest Lit element: a shadow root, styles, one button. */
const BARE_LIT_ELEMENT = `import { LitElement, css, html } from 'lit';
class BareElement extends LitElement {
  static styles = css\`button { position: fixed; bottom: 20px; right: 20px; width: 56px; height: 56px; border-radius: 50%; }\`;
  render() { return html\`<button aria-label="Open">?</button>\`; }
}
customElements.define('bare-element', BareElement);
`;

/** Bundles the bare Lit element as the widget is bundled (node-resolve, terser, ES module), precompressed. */
async function buildBareLitElement(dir: string): Promise<void> {
  const root = projectRoot();
  const [{ rollup }, { nodeResolve: resolve }, terserModule, { precompress }] = await Promise.all([
    import('rollup'),
    import('@rollup/plugin-node-resolve'),
    import('@rollup/plugin-terser'),
    import(pathToFileURL(join(root, 'widget', 'scripts', 'precompress.mjs')).href) as Promise<{ precompress(path: string): void }>,
  ]);
  // Its types describe the CommonJS build; imported as ES module, `default` is the plugin factory.
  const terser = terserModule.default as unknown as (options: object) => import('rollup').Plugin;
  mkdirSync(dir, { recursive: true });
  const source = join(dir, 'bare-lit-element.src.js');
  writeFileSync(source, BARE_LIT_ELEMENT);
  const bundle = await rollup({ input: source, plugins: [resolve({ browser: true, rootDir: root, modulePaths: [join(root, 'node_modules')] }), terser({ module: true, format: { comments: false } })] });
  await bundle.write({ file: join(dir, 'bare-lit-element.js'), format: 'es' });
  await bundle.close();
  rmSync(source);
  precompress(join(dir, 'bare-lit-element.js'));
}

/** A copy of another build with .br/.gz files, so it is served exactly as ours is. */
async function prepareComparedBuild(from: string, to: string): Promise<void> {
  const { precompress } = (await import(pathToFileURL(join(projectRoot(), 'widget', 'scripts', 'precompress.mjs')).href)) as { precompress(path: string): void };
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  for (const entry of readdirSync(to, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith('.js') && !existsSync(`${path}.br`)) precompress(path);
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return address.replace('localhost', '127.0.0.1');
}

async function startAssets(dir: string): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify();
  await registerWidgetFiles(app, dir);
  return { url: await listen(app), app };
}

/** CDP's cumulative main-thread counters, in ms. */
async function mainThread(cdp: CDPSession): Promise<{ taskMs: number; scriptMs: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
  return { taskMs: metric('TaskDuration'), scriptMs: metric('ScriptDuration') };
}

/**
 * One cold load, measured once the element has rendered after `load` and the network has then been
 * quiet for 1 s: the cost before anyone opens the chat, the idle preload included.
 */
async function loadOnce(browser: Browser, url: string, rendered: string): Promise<Sample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const bytesByUrl = new Map<string, number>();
    let inFlight = 0;
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', (event) => {
      urls.set(event.requestId, event.request.url);
      inFlight++;
      lastActivity = Date.now();
    });
    const done = (event: { requestId: string; encodedDataLength?: number }) => {
      const requestUrl = urls.get(event.requestId) ?? '';
      bytesByUrl.set(requestUrl, (bytesByUrl.get(requestUrl) ?? 0) + (event.encodedDataLength ?? 0));
      inFlight = Math.max(0, inFlight - 1);
      lastActivity = Date.now();
    };
    cdp.on('Network.loadingFinished', done);
    cdp.on('Network.loadingFailed', done);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(rendered, undefined, { timeout: 10_000, polling: 'raf' });
    const deadline = Date.now() + 15_000;
    while ((inFlight > 0 || Date.now() - lastActivity < 1000) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const time = await mainThread(cdp);
    const preloaded = new Set(await page.evaluate<string[]>(`[...document.querySelectorAll('link[rel="modulepreload"]')].map((link) => link.href)`));
    let bytes = 0;
    let preloadBytes = 0;
    for (const [requestUrl, received] of bytesByUrl) {
      if (preloaded.has(requestUrl)) preloadBytes += received;
      else bytes += received;
    }
    return { ...time, bytes, preloadBytes };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const medianSample = (samples: Sample[]): Sample => ({
  taskMs: median(samples.map((s) => s.taskMs)),
  scriptMs: median(samples.map((s) => s.scriptMs)),
  bytes: median(samples.map((s) => s.bytes)),
  preloadBytes: median(samples.map((s) => s.preloadBytes)),
});

/**
 * Loads each page `loads` times, rotating which goes first in each round so none is always the
 * cold one, and returns the medians.
 */
export async function measureFirstPaint(options: { loads: number; compareDir?: string; log: (line: string) => void }): Promise<Measured[]> {
  const root = projectRoot();
  const work = join(root, '.data', 'bench-widget');
  const ours = join(root, 'dist', 'widget');
  if (!existsSync(join(ours, 'chat-widget.js'))) throw new Error('dist/widget is not built: npm run build:widget');
  const litDir = join(work, 'lit');
  await buildBareLitElement(litDir);
  const comparedDir = join(work, 'compared');
  if (options.compareDir) await prepareComparedBuild(options.compareDir, comparedDir);

  const servers = [await startAssets(litDir), await startAssets(ours), ...(options.compareDir ? [await startAssets(comparedDir)] : [])];
  const pages = PAGES(!!options.compareDir);
  // Page i takes its files from servers[i - 1] (the empty page needs none).
  const assetsFor = (index: number) => servers[index - 1]?.url ?? '';
  const host = Fastify();
  host.get('/:index', async (request, reply) => {
    const index = Number((request.params as { index: string }).index);
    return reply.type('text/html').send(hostPage(pages[index]!.embed(assetsFor(index))));
  });
  const hostUrl = await listen(host);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'] });
  try {
    const results = pages.map((): Sample[] => []);
    // One warm-up round (Chromium's own first-run work), not counted.
    for (let index = 0; index < pages.length; index++) await loadOnce(browser, `${hostUrl}/${index}`, pages[index]!.rendered);
    for (let round = 0; round < options.loads; round++) {
      for (let step = 0; step < pages.length; step++) {
        const index = (round + step) % pages.length;
        results[index]!.push(await loadOnce(browser, `${hostUrl}/${index}`, pages[index]!.rendered));
      }
      options.log(`round ${round + 1}/${options.loads}`);
    }
    return pages.map((page, index) => ({ page: page.name, sample: medianSample(results[index]!) }));
  } finally {
    await browser.close();
    await host.close();
    for (const server of servers) await server.app.close();
  }
}

const plus = (value: number, base: number, format: (n: number) => string) => `${format(value)} (+${format(Math.max(0, value - base))})`;

/** The comparison as a Markdown table, each figure with its difference to the empty page. */
export function firstPaintTable(measured: Measured[]): string {
  const empty = measured[0]!;
  return [
    '| Page | Main-thread tasks (TaskDuration) | of which script (ScriptDuration) | Transferred | Idle preload (panel code, not run) |',
    '| --- | --- | --- | --- | --- |',
    ...measured.map(
      ({ page, sample: s }) =>
        `| ${page} | ${plus(s.taskMs, empty.sample.taskMs, ms)} | ${plus(s.scriptMs, empty.sample.scriptMs, ms)} | ${plus(s.bytes, empty.sample.bytes, kb)} | ${s.preloadBytes ? kb(s.preloadBytes) : '–'} |`,
    ),
  ].join('\n');
}

/** The rows `npm run bench` adds to docs/performance.md. */
export function firstPaintRows(measured: Measured[], loads: number): Row[] {
  const empty = measured[0]!;
  const ours = measured.find((m) => m.page === '<chat-widget>')!;
  const lit = measured.find((m) => m.page === 'bare Lit element')!;
  const added = ours.sample.taskMs - empty.sample.taskMs;
  return [
    {
      section: 'Widget',
      figure: `Main-thread task time added to an empty page before the first open (CDP TaskDuration, median of ${loads} cold loads; a bare Lit element adds ${ms(lit.sample.taskMs - empty.sample.taskMs)})`,
      result: `+${ms(added)} (script +${ms(ours.sample.scriptMs - empty.sample.scriptMs)}); ${kb(ours.sample.bytes - empty.sample.bytes)} transferred, then ${kb(ours.sample.preloadBytes)} preloaded when idle`,
      target: `≤ +${FIRST_PAINT_TARGET_TASK_MS} ms`,
      met: added <= FIRST_PAINT_TARGET_TASK_MS,
    },
  ];
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const loads = Number(argument('loads') ?? 7);
  const compareDir = argument('compare');
  const log = (line: string) => console.log(`[bench:widget] ${line}`);
  const load = loadavg().map((n) => n.toFixed(2)).join(', ');
  const measured = await measureFirstPaint({ loads, compareDir, log });
  console.log(`\nFirst paint, ${loads} cold loads each, medians (load average before: ${load}; after: ${loadavg().map((n) => n.toFixed(2)).join(', ')})\n`);
  console.log(firstPaintTable(measured));
  const dist = join(projectRoot(), 'dist', 'widget');
  const row = featureRow(dist, await widgetSizes(projectRoot(), dist));
  console.log(`\n${row.figure}: ${row.result}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error('bench:widget failed:', error);
    process.exit(1);
  });
}
