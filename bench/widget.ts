import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { kb, ms, type Row } from './report.js';
import { type Latency, summarize } from './stats.js';

const CHROMIUM = '/usr/bin/chromium';
const ENTRY = 'chat-widget.js';
const LOADS = 15;

interface Sizes {
  gzip: number;
  brotli: number;
  files: string[];
}

function compressedSizes(dir: string, files: string[]): Sizes {
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = readFileSync(join(dir, file));
    gzip += gzipSync(content, { level: 9 }).length;
    brotli += brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { gzip, brotli, files };
}

/** The entry and every module it imports statically: what the browser fetches before the panel opens. */
function staticClosure(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(dir, file))) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    // Static `import … from "./x.js"` / `import "./x.js"`, not `import("./x.js")` (loaded on demand).
    for (const match of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^'"()]*?\bfrom\s*)?["']\.\/([^"']+)["']/g)) visit(match[1]!);
  };
  visit(entry);
  return [...seen];
}

export interface WidgetTargets {
  widgetBeforeOpenGzip: number;
  widgetTotalGzip: number;
}

/**
 * Size of the built widget (dist/widget) and, in headless Chromium, how long it takes to become
 * usable on a host page. The page marks when the script starts loading; the launcher counts as
 * interactive when `[part~="launcher"]` (or the first button) exists in the widget's shadow root,
 * and the panel as ready when `[part~="panel"]` is visible after a click on it.
 */
export async function measureWidget(options: { root: string; serverUrl: string; workDir: string; targets: WidgetTargets; log: (line: string) => void }): Promise<Row[]> {
  const dir = join(options.root, 'dist', 'widget');
  const S = 'Widget';
  if (!existsSync(join(dir, ENTRY))) {
    return [{ section: S, figure: 'Size and start-up', result: `not built (no dist/widget/${ENTRY})`, target: 'built' }];
  }
  const all = readdirSync(dir).filter((file) => ['.js', '.css', '.mjs'].includes(extname(file)));
  const beforeOpen = compressedSizes(dir, staticClosure(dir, ENTRY));
  const total = compressedSizes(dir, all);
  const rows: Row[] = [
    { section: S, figure: `Loaded before the panel opens (${beforeOpen.files.join(', ')})`, result: `${kb(beforeOpen.gzip)} gzip, ${kb(beforeOpen.brotli)} brotli`, target: `≤ ${kb(options.targets.widgetBeforeOpenGzip)} gzip`, met: beforeOpen.gzip <= options.targets.widgetBeforeOpenGzip },
    { section: S, figure: `Everything (${all.length} files)`, result: `${kb(total.gzip)} gzip, ${kb(total.brotli)} brotli`, target: `≤ ${kb(options.targets.widgetTotalGzip)} gzip`, met: total.gzip <= options.targets.widgetTotalGzip },
  ];
  if (!existsSync(CHROMIUM)) {
    rows.push({ section: S, figure: 'Start-up in the browser', result: `not measured: ${CHROMIUM} missing (apt-get install -y chromium)` });
    return rows;
  }
  try {
    rows.push(...(await browserTimings(dir, options.serverUrl, options.log)));
  } catch (error) {
    rows.push({ section: S, figure: 'Start-up in the browser', result: `not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
  }
  return rows;
}

const HOST_PAGE = (serverUrl: string, withWidget: boolean) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Host page</title></head>
<body><main><h1>A customer's page</h1><p>${'Some content. '.repeat(200)}</p></main>
${withWidget ? `<script>performance.mark('widget-script-start')</script>
<script type="module" src="/widget/${ENTRY}"></script>
<chat-widget server="${serverUrl}"></chat-widget>` : ''}
</body></html>`;

/** Serves the host page and dist/widget from another origin than the API, as a customer's site would. */
function hostServer(dir: string, serverUrl: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname.startsWith('/widget/')) {
      const file = join(dir, url.pathname.slice('/widget/'.length).replace(/\.\.+/g, ''));
      if (!existsSync(file)) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
      return void response.end(readFileSync(file));
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(HOST_PAGE(serverUrl, url.pathname !== '/without'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server });
  }));
}

// In-page scripts (the server tsconfig has no DOM types, so they are plain JavaScript strings).
const LOAD_EVENT_START = `performance.getEntriesByType('navigation')[0].loadEventStart`;
const FIND_LAUNCHER = `(root) => root && (root.querySelector('[part~="launcher"]') || root.querySelector('button'))`;
/** Polled every frame from the page itself, relative to the mark set before the script tag. */
const LAUNCHER_INTERACTIVE = `(async () => {
  await customElements.whenDefined('chat-widget');
  const element = document.querySelector('chat-widget');
  const find = ${FIND_LAUNCHER};
  const deadline = performance.now() + 10000;
  while (!find(element.shadowRoot)) {
    if (performance.now() > deadline) throw new Error('no launcher ([part~="launcher"] or a button) within 10 s');
    await new Promise(requestAnimationFrame);
  }
  performance.mark('widget-launcher-interactive');
  return performance.measure('launcher', 'widget-script-start', 'widget-launcher-interactive').duration;
})()`;
const PANEL_READY = `(async () => {
  const root = document.querySelector('chat-widget').shadowRoot;
  performance.mark('widget-click');
  (${FIND_LAUNCHER})(root).click();
  const visible = () => {
    const panel = root.querySelector('[part~="panel"]');
    return panel && panel.getBoundingClientRect().height > 0;
  };
  const deadline = performance.now() + 5000;
  while (!visible()) {
    if (performance.now() > deadline) throw new Error('no visible [part~="panel"] within 5 s of the click');
    await new Promise(requestAnimationFrame);
  }
  performance.mark('widget-panel-ready');
  return performance.measure('panel', 'widget-click', 'widget-panel-ready').duration;
})()`;

async function browserTimings(dir: string, serverUrl: string, log: (line: string) => void): Promise<Row[]> {
  const { chromium } = await import('playwright-core');
  const host = await hostServer(dir, serverUrl);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const launcher: number[] = [];
    const panel: number[] = [];
    const loadWith: number[] = [];
    const loadWithout: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage();
      await page.goto(`${host.url}/without`, { waitUntil: 'load' });
      loadWithout.push(await page.evaluate<number>(LOAD_EVENT_START));
      await page.goto(`${host.url}/with`, { waitUntil: 'load' });
      loadWith.push(await page.evaluate<number>(LOAD_EVENT_START));
      launcher.push(await page.evaluate<number>(LAUNCHER_INTERACTIVE));
      panel.push(await page.evaluate<number>(PANEL_READY));
      await page.close();
    }
    const l = summarize(launcher);
    const p = summarize(panel);
    const withLoad = summarize(loadWith);
    const withoutLoad = summarize(loadWithout);
    log(`widget: launcher ${ms(l.p50)}, panel ${ms(p.p50)}, load ${ms(withLoad.p50)} vs ${ms(withoutLoad.p50)}`);
    const text = (x: Latency) => `p50 ${ms(x.p50)}, p99 ${ms(x.p99)}`;
    return [
      { section: 'Widget', figure: `Script start → launcher interactive (headless Chromium, ${LOADS} loads)`, result: text(l) },
      { section: 'Widget', figure: 'Click → panel ready', result: text(p) },
      { section: 'Widget', figure: 'Host page load event, with vs without the widget', result: `${ms(withLoad.p50)} vs ${ms(withoutLoad.p50)} (median; +${ms(withLoad.p50 - withoutLoad.p50)})` },
    ];
  } finally {
    await browser.close();
    host.server.close();
  }
}
