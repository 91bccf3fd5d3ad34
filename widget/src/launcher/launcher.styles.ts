// Plain strings, not Lit's tagged styles: Lit loads with the panel. The tag is named like Lit's
// so that the build's CSS minifier (rollup.config.mjs) finds these literals too; none interpolates.
function css(strings: TemplateStringsArray): string {
  return strings.join('');
}

// Written once, used by both the explicit dark theme and `auto` on a dark system.
const darkTokens = css`
  --_accent: var(--chat-widget-accent, #8ab4ff);
  --_on-accent: var(--chat-widget-on-accent, #0b1020);
  --_bg: var(--chat-widget-background, #16181d);
  --_fg: var(--chat-widget-text, #e6e8eb);
  --_muted: var(--chat-widget-muted, #a3acb9);
  --_surface: var(--chat-widget-surface, #23262d);
  --_border: var(--chat-widget-border, #3b414b);
  --_danger: var(--chat-widget-danger, #ff8a80);
  --_focus: var(--chat-widget-focus-ring, #8ab4ff);
  --_mark: var(--chat-widget-highlight, #7c5e10);
  color-scheme: dark;
`;

/**
 * Design tokens. Hosts set the public `--chat-widget-*` properties; components read only the
 * private `--_*` ones, which fall back to the light or dark defaults (all pairs meet WCAG AA).
 * Custom properties inherit through shadow roots, so the panel's elements see them too.
 */
const themeTokens = css`
  :host {
    --_accent: var(--chat-widget-accent, #1d4ed8);
    --_on-accent: var(--chat-widget-on-accent, #ffffff);
    --_bg: var(--chat-widget-background, #ffffff);
    --_fg: var(--chat-widget-text, #1f2328);
    --_muted: var(--chat-widget-muted, #57606a);
    --_surface: var(--chat-widget-surface, #f3f4f6);
    --_border: var(--chat-widget-border, #c9d1d9);
    --_danger: var(--chat-widget-danger, #b42318);
    --_focus: var(--chat-widget-focus-ring, #1d4ed8);
    --_mark: var(--chat-widget-highlight, #fde68a);
    --_radius: var(--chat-widget-radius, 12px);
    --_font: var(--chat-widget-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_shadow: var(--chat-widget-shadow, 0 12px 40px rgb(0 0 0 / 0.18));
    --_width: var(--chat-widget-width, 400px);
    --_height: var(--chat-widget-height, 600px);
    --_z: var(--chat-widget-z-index, 2147483000);
    color-scheme: light;
  }
`;

/** The element itself: the launcher, and the box the panel (or its placeholder) fills. */
const shell = css`
  :host {
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--_z);
    font-family: var(--_font);
    color: var(--_fg);
  }
  :host([position='bottom-left']) {
    right: auto;
    left: 20px;
  }
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .launcher {
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: none;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
    display: grid;
    place-items: center;
  }
  .launcher:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 3px;
  }
  .panel {
    position: absolute;
    bottom: 0;
    right: 0;
    width: min(var(--_width), calc(100vw - 40px));
    height: min(var(--_height), calc(100vh - 40px));
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
  }
  :host([position='bottom-left']) .panel {
    right: auto;
    left: 0;
  }
  .status {
    margin: auto;
    padding: 16px;
    text-align: center;
  }
  .status button {
    margin: 8px 4px 0;
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
  }
  /* Phones: the panel takes the whole viewport (dvh follows the on-screen keyboard). */
  @media (max-width: 480px) {
    :host([open]) {
      inset: 0;
    }
    :host([open]) .panel {
      position: fixed;
      inset: 0;
      width: 100vw;
      height: 100vh;
      height: 100dvh;
      border: none;
      border-radius: 0;
    }
  }
`;

export const launcherStyles =
  themeTokens +
  `:host([theme='dark']){${darkTokens}}@media (prefers-color-scheme:dark){:host([theme='auto']){${darkTokens}}}` +
  shell;
