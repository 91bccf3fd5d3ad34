import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET, widgetSizes } from '../scripts/widget-size.mjs';

// Reads the build `npm test` just made (npm run build → dist/widget).
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'widget');

describe('the built widget', () => {
  const sizes = widgetSizes(dist);

  it(`loads at most ${BUDGET.beforeOpen / 1024} KB gzip before the chat is opened`, () => {
    expect(sizes.beforeOpen.gzip).toBeLessThanOrEqual(BUDGET.beforeOpen);
  });

  it(`weighs at most ${BUDGET.total / 1024} KB gzip in all`, () => {
    expect(sizes.total.gzip).toBeLessThanOrEqual(BUDGET.total);
    // The panel really is split off: opening fetches more than the page load did.
    expect(sizes.total.files).toBeGreaterThan(sizes.beforeOpen.files);
  });

  it('needs neither eval nor a third-party host (strict CSP, privacy)', () => {
    for (const file of sizes.files) {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code).not.toMatch(/\beval\(|new Function\(/);
      // URLs that are only strings: XML namespaces, and marked's "please report this to github.com" error text.
      const hosts = [...code.matchAll(/https?:\/\/([a-z0-9.-]*)/gi)].map((m) => m[1]).filter((host) => !['', 'www.w3.org', 'github.com'].includes(host!));
      expect({ file, hosts }).toEqual({ file, hosts: [] });
    }
  });

  it('ships the element manifest generated from the JSDoc', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8'));
    const element = manifest.modules.flatMap((m: { declarations: object[] }) => m.declarations).find((d: { tagName?: string }) => d.tagName === 'chat-widget');
    expect(element.events.map((e: { name: string }) => e.name)).toContain('chat-widget:message-sent');
    expect(element.cssParts.map((p: { name: string }) => p.name)).toEqual(['launcher', 'panel']);
    expect(element.attributes.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['server', 'title', 'greeting', 'position', 'theme', 'open', 'locale', 'storage']));
  });
});
