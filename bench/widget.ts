import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kb, ms, type Row } from './report.js';
import { CITATIONS_AND_FEEDBACK, featureGzipBytes } from './widget-features.js';
import { type Latency, summarize } from './stats.js';

export const CHROMIUM = '/usr/bin/chromium';
const ENTRY = 'chat-widget.js';
const LOADS = 15;

interface SizeSummary {
  files: number;
  gzip: number;
  brotli: number;
}

/** The widget build's own size accounting (widget/scripts/widget-size.mjs), so the bench and the size check agree. */
export async function widgetSizes(root: string, dir: string): Promise<{ beforeOpen: SizeSummary; total: SizeSummary; files: string[]; beforeOpenFiles: string[] }> {
  const module = (await import(pathToFileURL(join(root, 'widget', 'scripts', 'widget-size.mjs')).href)) as {
    widgetSizes(distDir: string): { beforeOpen: SizeSummary; total: SizeSummary; files: string[]; beforeOpenFiles: string[] };
  };
  return module.widgetSizes(dir);
}

/** What citations and feedback add, after compression, and that none of it is in the launcher. */
export function featureRow(dir: string, sizes: { files: string[]; beforeOpenFiles: string[] }): Row {
  const launcher = featureGzipBytes(dir, sizes.beforeOpenFiles, CITATIONS_AND_FEEDBACK);
  const all = featureGzipBytes(dir, sizes.files, CITATIONS_AND_FEEDBACK);
  return {
    section: 'Widget',
    figure: `Added by ${CITATIONS_AND_FEEDBACK.name} (their modules, styles and strings, cut out of the built chunks via source maps)`,
    result: `+${all.added} B gzip to the lazy panel (${kb(all.without)} → ${kb(all.withFeature)}); launcher +${launcher.added} B`,
    target: 'launcher +0 B',
    met: launcher.added === 0,
  };
}

export interface WidgetTargets {
  widgetBeforeOpenGzip: number;
  widgetTotalGzip: number;
}

/**
 * Size of the built widget (dist/widget) and, in headless Chromium, how long it takes to become
 * usable on a host page of another origin, the script coming from the API server as in a real
 * embed. Performance marks: the page marks when the script tag starts; the launcher counts as
 * interactive when `[part~="launcher"]` exists in the widget's shadow root; after a click on it,
 * the panel is ready when an input of its first view (sign-in form or composer) is visible.
 */
export async function measureWidget(options: { root: string; serverUrl: string; hostPort: number; targets: WidgetTargets; log: (line: string) => void }): Promise<Row[]> {
  const dir = join(options.root, 'dist', 'widget');
  const S = 'Widget';
  if (!existsSync(join(dir, ENTRY))) {
    return [{ section: S, figure: 'Size and start-up', result: `not built (no dist/widget/${ENTRY})`, target: 'built' }];
  }
  const sizes = await widgetSizes(options.root, dir);
  const rows: Row[] = [
    featureRow(dir, sizes),
    { section: S, figure: `Loaded before the panel opens (${sizes.beforeOpen.files} files)`, result: `${kb(sizes.beforeOpen.gzip)} gzip, ${kb(sizes.beforeOpen.brotli)} brotli`, target: `≤ ${kb(options.targets.widgetBeforeOpenGzip)} gzip`, met: sizes.beforeOpen.gzip <= options.targets.widgetBeforeOpenGzip },
    { section: S, figure: `Everything the script tag can load (${sizes.total.files} files)`, result: `${kb(sizes.total.gzip)} gzip, ${kb(sizes.total.brotli)} brotli`, target: `≤ ${kb(options.targets.widgetTotalGzip)} gzip`, met: sizes.total.gzip <= options.targets.widgetTotalGzip },
  ];
  if (!existsSync(CHROMIUM)) {
    rows.push({ section: S, figure: 'Start-up in the browser', result: `not measured: ${CHROMIUM} missing (apt-get install -y chromium)` });
    return rows;
  }
  try {
    rows.push(...(await browserTimings(options.serverUrl, options.hostPort, options.log)));
  } catch (error) {
    rows.push({ section: S, figure: 'Start-up in the browser', result: `not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
  }
  return rows;
}

const HOST_PAGE = (serverUrl: string, withWidget: boolean) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Host page</title></head>
<body><main><h1>A customer's page</h1><p>${'Some content. '.repeat(200)}</p></main>
${withWidget ? `<script>performance.mark('widget-script-start')</script>
<script type="module" src="${serverUrl}/widget/${ENTRY}"></script>
<chat-widget server="${serverUrl}"></chat-widget>` : ''}
</body></html>`;

/** Serves the host page from its own origin, as a customer's site would. */
function hostServer(serverUrl: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(HOST_PAGE(serverUrl, request.url !== '/without'));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// In-page scripts (the server tsconfig has no DOM types, so they are plain JavaScript strings).
const LOAD_EVENT_START = `performance.getEntriesByType('navigation')[0].loadEventStart`;
const FIND_LAUNCHER = `(root) => root && root.querySelector('[part~="launcher"]')`;
/** Polled every frame from the page itself, relative to the mark set before the script tag. */
const LAUNCHER_INTERACTIVE = `(async () => {
  await customElements.whenDefined('chat-widget');
  const element = document.querySelector('chat-widget');
  const find = ${FIND_LAUNCHER};
  const deadline = performance.now() + 10000;
  while (!find(element.shadowRoot)) {
    if (performance.now() > deadline) throw new Error('no [part~="launcher"] within 10 s');
    await new Promise(requestAnimationFrame);
  }
  performance.mark('widget-launcher-interactive');
  return performance.measure('launcher', 'widget-script-start', 'widget-launcher-interactive').duration;
})()`;
const PANEL_READY = `(async () => {
  const root = document.querySelector('chat-widget').shadowRoot;
  // The first view's input, however deep in nested shadow roots it sits.
  const findDeep = (node, selector) => {
    const hit = node.querySelector(selector);
    if (hit) return hit;
    for (const element of node.querySelectorAll('*')) {
      const inner = element.shadowRoot && findDeep(element.shadowRoot, selector);
      if (inner) return inner;
    }
    return null;
  };
  const ready = () => {
    const panel = root.querySelector('[part~="panel"]');
    const input = panel && panel.shadowRoot && findDeep(panel.shadowRoot, 'input, textarea');
    return input && input.getBoundingClientRect().height > 0;
  };
  performance.mark('widget-click');
  (${FIND_LAUNCHER})(root).click();
  const deadline = performance.now() + 10000;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error('the panel showed no visible input within 10 s of the click');
    await new Promise(requestAnimationFrame);
  }
  performance.mark('widget-panel-ready');
  return performance.measure('panel', 'widget-click', 'widget-panel-ready').duration;
})()`;

async function browserTimings(serverUrl: string, hostPort: number, log: (line: string) => void): Promise<Row[]> {
  const { chromium } = await import('playwright-core');
  const host = await hostServer(serverUrl, hostPort);
  const hostUrl = `http://127.0.0.1:${hostPort}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const launcher: number[] = [];
    const panel: number[] = [];
    const loadWith: number[] = [];
    const loadWithout: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage();
      await page.goto(`${hostUrl}/without`, { waitUntil: 'load' });
      loadWithout.push(await page.evaluate<number>(LOAD_EVENT_START));
      await page.goto(`${hostUrl}/with`, { waitUntil: 'load' });
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
      { section: 'Widget', figure: 'Click on the launcher → panel ready (first view\'s input visible; panel code loaded on demand)', result: text(p) },
      { section: 'Widget', figure: 'Host page load event, with vs without the widget', result: `${ms(withLoad.p50)} vs ${ms(withoutLoad.p50)} (median; +${ms(withLoad.p50 - withoutLoad.p50)})` },
    ];
  } finally {
    await browser.close();
    host.close();
  }
}
