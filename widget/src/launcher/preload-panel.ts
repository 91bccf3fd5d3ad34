/**
 * `<this chunk's file name>|<the panel's chunk and the chunks it imports, relative to this one>`,
 * written by the build (rollup.config.mjs, which knows the hashed names). Running from the sources
 * (tests) it stays the placeholder; bundled again by an app, this code sits in a file of another
 * name, where the list is wrong: nothing is preloaded in either case.
 */
const PANEL_FILES = '__CHAT_WIDGET_PANEL_FILES__';

let requested = false;

/**
 * Fetches the panel's code when the browser is idle, without running it: `modulepreload` puts the
 * modules in the page's module map, so the first open finds them there. Once per page.
 */
export function preloadPanel(): void {
  const [ownFile, files] = PANEL_FILES.split('|');
  if (requested || !files || !import.meta.url.endsWith(`/${ownFile}`)) return;
  requested = true;
  const whenIdle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 2000));
  whenIdle(
    () => {
      for (const file of files.split(',')) {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.href = new URL(file, import.meta.url).href;
        document.head.append(link);
      }
    },
    { timeout: 10_000 },
  );
}
